"""Athlete names: display names as typed, ids as slugs; one rule for every shell."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.names import (
    ID_PATTERN,
    MAX_DISPLAY_CHARS,
    athlete_id,
    display_name,
    ids_for,
    is_id,
)
from miler.errors import InvalidInputError


@pytest.mark.parametrize(
    ("typed", "key", "shown"),
    [("Sam", "sam", "Sam"), ("  Sam Smith ", "sam-smith", "Sam Smith"),
     ("Ana María", "ana-maria", "Ana María"), ("ada", "ada", "ada"), ("SAM", "sam", "SAM"),
     ("O'Brien-Lee", "o-brien-lee", "O'Brien-Lee"), ("run_club 2", "run_club-2", "run_club 2")],
)
def test_a_display_name_keeps_its_case_and_its_id_is_a_slug(typed: str, key: str,
                                                            shown: str) -> None:
    assert (athlete_id(typed), display_name(typed)) == (key, shown)


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "NAME must not be empty or only spaces, got ''"),
     (" \t ", "NAME must not be empty or only spaces, got ' \\t '"),
     ("Sam\x00", "NAME must not contain control characters, got 'Sam\\x00'"),
     ("Sam\nSmith", "NAME must not contain control characters"),
     ("../../etc", "NAME must be a name, not a path (no /, \\ or leading .), got '../../etc'"),
     ("a/b", "NAME must be a name, not a path"),
     ("..\\x", "NAME must be a name, not a path"),
     (".hidden", "NAME must be a name, not a path"),
     ("李", "NAME must have a letter or digit from a-z or 0-9"),
     ("---", "NAME must have a letter or digit from a-z or 0-9"),
     ("x" * (MAX_DISPLAY_CHARS + 1), f"NAME must be at most {MAX_DISPLAY_CHARS} characters")],
)
def test_bad_names_are_refused_with_one_line(typed: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        athlete_id(typed)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@given(st.text(max_size=80))
def test_an_id_is_a_slug_and_its_own_id(text: str) -> None:
    try:
        key = athlete_id(text)
    except InvalidInputError:
        return
    assert re.fullmatch(ID_PATTERN, key)
    assert is_id(key)
    assert athlete_id(key) == key


@given(st.from_regex(ID_PATTERN, fullmatch=True))
def test_every_id_maps_to_itself(key: str) -> None:
    assert athlete_id(key) == key


@given(st.lists(st.text(max_size=50) | st.sampled_from(["Ada", "ada", "ada-2", "Ada ", "李"]),
                max_size=12, unique=True))
def test_stored_names_get_ids_that_are_ids_and_all_different(names: list[str]) -> None:
    found = ids_for(names)
    assert set(found) == {n for n in names if not is_id(n)}
    kept = [n for n in names if is_id(n)]
    assert all(is_id(key) for key in found.values())
    assert len({*kept, *found.values()}) == len(names)  # no two athletes share an id


def test_a_stored_name_gets_the_id_it_would_have_been_added_with() -> None:
    assert ids_for(["Ada", "Sam Smith", "bob"]) == {"Ada": "ada", "Sam Smith": "sam-smith"}
    assert ids_for(["Ada", "ada", "李", "---"]) == {"Ada": "ada-2", "李": "athlete-1",
                                                   "---": "athlete-2"}
