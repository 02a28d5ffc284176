"""``FrozenValue`` (domain/units.py): Duration, Distance and Pace behave exactly as the
``@dataclass(frozen=True, slots=True, order=True)`` they were before issue 22 made them
cheaper to create: equality, order and hash within one class only, repr, frozen, pickled."""

from __future__ import annotations

import copy
import dataclasses
import operator
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.pace import Pace
from miler.domain.units import Distance, Duration, FrozenValue


def _twin(cls: type[FrozenValue]) -> Any:
    """The dataclass ``cls`` was: same name, same field."""
    [name] = cls.__slots__
    return dataclasses.make_dataclass(cls.__name__, [(name, float)], frozen=True, slots=True,
                                      order=True)


CLASSES = [Duration, Distance, Pace]
TWINS = {cls: _twin(cls) for cls in CLASSES}
NUMBERS = st.floats(min_value=1e-6, max_value=1e6) | st.integers(1, 10**6)
OPERATORS = [operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge]


@given(st.sampled_from(CLASSES), NUMBERS, NUMBERS)
def test_compares_hashes_and_shows_as_its_dataclass_twin(cls: type[FrozenValue], a: float,
                                                         b: float) -> None:
    twin = TWINS[cls]
    ours, theirs = (cls(a), cls(b)), (twin(a), twin(b))  # type: ignore[call-arg]
    for op in OPERATORS:
        assert op(*ours) == op(*theirs)
    assert hash(ours[0]) == hash(theirs[0])
    assert repr(ours[0]) == repr(theirs[0])
    assert pickle.loads(pickle.dumps(ours[0])) == ours[0]
    assert copy.deepcopy(ours[0]) == ours[0]


@pytest.mark.parametrize("cls", CLASSES)
def test_is_frozen_and_compares_only_within_its_class(cls: type[FrozenValue]) -> None:
    value = cls(2.0)  # type: ignore[call-arg]
    [name] = cls.__slots__
    with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot assign to field '{name}'"):
        setattr(value, name, 3.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(value, name)
    other = next(c for c in CLASSES if c is not cls)(2.0)  # type: ignore[call-arg]
    assert value != other
    assert value != (2.0,)
    with pytest.raises(TypeError):
        assert value < other
    assert not hasattr(value, "__dict__")
    match value:
        case cls(number):  # type: ignore[misc]
            assert number == 2.0
