"""A table of equivalent race times from one or two results, one column per model.

Each target distance is predicted from the result nearest to it (on a log scale: a mile says
more about 1500 m than a 5 km does). A model whose range does not cover a row leaves that
cell empty with its reason; nothing is extrapolated silently. With two results the runner's
own Riegel exponent is fitted and used as a fourth column.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from miler.domain.equivalence import (
    cameron_time,
    daniels_score,
    daniels_time,
    fit_riegel_exponent,
    riegel_time,
)
from miler.domain.units import METERS_PER_MILE
from miler.errors import InvalidInputError

__all__ = ["MODELS", "STANDARD_DISTANCES", "Cell", "Prediction", "Result", "Row", "predict"]

#: Rows of the table: 400 m to the marathon.
STANDARD_DISTANCES: Final[tuple[tuple[str, float], ...]] = (
    ("400 m", 400.0), ("800 m", 800.0), ("1500 m", 1500.0), ("mile", METERS_PER_MILE),
    ("3000 m", 3000.0), ("2 miles", 2 * METERS_PER_MILE), ("5 km", 5000.0),
    ("10 km", 10_000.0), ("half marathon", 21_097.5), ("marathon", 42_195.0),
)
MODELS: Final = ("daniels_gilbert", "riegel", "cameron", "personal_riegel")


@dataclass(frozen=True, slots=True)
class Result:
    """A race or time trial: ``distance_m`` run in ``time_s``."""

    distance_m: float
    time_s: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.time_s) and self.time_s > 0):
            raise InvalidInputError("time", "must be a positive number of seconds", self.time_s)
        if not (math.isfinite(self.distance_m) and self.distance_m > 0):
            raise InvalidInputError("distance", "must be a positive number of metres",
                                    self.distance_m)


@dataclass(frozen=True, slots=True)
class Cell:
    """One model's time for one row, or why it has none."""

    time_s: float | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    distance_m: float
    cells: dict[str, Cell]

    @property
    def spread_s(self) -> float | None:
        """Slowest minus fastest prediction, when at least two models cover the row."""
        times = [c.time_s for c in self.cells.values() if c.time_s is not None]
        return max(times) - min(times) if len(times) > 1 else None


@dataclass(frozen=True, slots=True)
class Prediction:
    results: tuple[Result, ...]
    personal_k: float | None
    rows: tuple[Row, ...]

    @property
    def models(self) -> tuple[str, ...]:
        return MODELS if self.personal_k is not None else MODELS[:-1]


def _nearest(results: Sequence[Result], distance_m: float) -> Result:
    return min(results, key=lambda r: abs(math.log(r.distance_m / distance_m)))


def _cell(compute: Callable[[], float]) -> Cell:
    try:
        return Cell(compute())
    except InvalidInputError as exc:
        return Cell(None, f"{exc.field} {exc.rule}")


def _row(label: str, distance: float, base: Result, k: float | None) -> Row:
    d, t = base.distance_m, base.time_s
    cells = {
        "daniels_gilbert": _cell(lambda: daniels_time(daniels_score(d, t), distance)),
        "riegel": _cell(lambda: riegel_time(t, d, distance)),
        "cameron": _cell(lambda: cameron_time(t, d, distance)),
    }
    if k is not None:
        cells["personal_riegel"] = _cell(lambda: riegel_time(t, d, distance, k=k))
    return Row(label, distance, cells)


def predict(results: Sequence[Result],
            distances: Sequence[tuple[str, float]] = STANDARD_DISTANCES) -> Prediction:
    """Equivalent times for ``distances`` from one or two ``results``."""
    if not 1 <= len(results) <= 2:
        raise InvalidInputError("results", "must be one or two race results", len(results))
    k = None
    if len(results) == 2:
        (a, b) = results
        k = fit_riegel_exponent(a.distance_m, a.time_s, b.distance_m, b.time_s)
    rows = tuple(_row(label, distance, _nearest(results, distance), k)
                 for label, distance in distances)
    return Prediction(tuple(results), k, rows)
