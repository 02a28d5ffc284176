"""`--json` output: ``render.indented`` writes exactly what ``json.dumps(doc, indent=2)`` does
(it exists only to be faster), on real documents and on arbitrary ones."""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from miler.cli.render import indented
from miler.domain.athlete import Athlete
from miler.domain.planner import generate_plan
from miler.domain.race import plan_race

_SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(-2**70, 2**70)
            | st.floats(allow_nan=True, allow_infinity=True) | st.text())
_DOCS = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.lists(inner, max_size=3).map(tuple)
    | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=40)


@settings(max_examples=300)
@given(_DOCS)
def test_indented_is_json_dumps_with_indent_2(doc: Any) -> None:
    assert indented(doc) == json.dumps(doc, indent=2)


def test_real_documents_are_the_same_text() -> None:
    plan = generate_plan(Athlete(20.0, 465.0, name="Zoë – km"), date(2026, 3, 2),
                         goal_mile_s=420.0).to_doc()
    for doc in (plan, plan_race(419.99).to_doc(), {"weird": [math.nan, -math.inf, ()]}):
        assert indented(doc) == json.dumps(doc, indent=2)


def test_what_json_treats_specially_falls_back_to_it() -> None:
    for doc in ({1: "int key", None: [2.5]}, {"a": {2.0: True}}):
        assert indented(doc) == json.dumps(doc, indent=2)


def test_unknown_types_fail_as_json_fails() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        indented({"when": date(2026, 3, 2)})
