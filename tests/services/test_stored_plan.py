"""A kept plan is read into typed values once, when storage hands it back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from miler.errors import StorageError
from miler.services.ports import StoredPlan

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def test_a_malformed_stored_plan_is_refused_with_the_field() -> None:
    with pytest.raises(StorageError, match=r"^stored plan version 3 is malformed: "
                                           r"plan.weeks must be a list, got 'x'$"):
        StoredPlan(3, "first plan", {}, {"weeks": "x"}, NOW)
