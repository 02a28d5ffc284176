"""What the fitness estimate reads of a run: its best efforts (``Candidate``) and how it was
run (``RunEfforts``). Plain values, kept in a stored activity's document; finding them in a
file's samples is ``domain/fitness_efforts.py`` (numpy), weighing them ``domain/fitness.py``,
which needs no numpy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["Candidate", "RunEfforts"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One best effort inside a run, with what the file says about how it was run.

    ``None`` means unknown (a run logged by hand, a file without altitude)."""

    distance_m: float
    elapsed_s: float
    start_offset_s: float
    drop_m: float | None = None
    steadiness: float | None = None
    fast_elsewhere_s: float | None = None

    @property
    def speed_m_s(self) -> float:
        return self.distance_m / self.elapsed_s

    def to_doc(self) -> dict[str, Any]:
        return {"distance_m": self.distance_m, "elapsed_s": self.elapsed_s,
                "start_offset_s": self.start_offset_s, "drop_m": self.drop_m,
                "steadiness": self.steadiness, "fast_elsewhere_s": self.fast_elsewhere_s}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Candidate:
        return cls(float(doc["distance_m"]), float(doc["elapsed_s"]),
                   float(doc.get("start_offset_s") or 0.0), _number(doc.get("drop_m")),
                   _number(doc.get("steadiness")), _number(doc.get("fast_elsewhere_s")))


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


@dataclass(frozen=True, slots=True)
class RunEfforts:
    """A run as the fitness estimate sees it.

    ``result`` is True for a recorded race, time trial or test mile (run all out: it counts
    fully); ``moving_speed_m_s`` is the run's average speed in motion (the runner's usual
    pace is the median of these)."""

    day: date
    source: str
    moving_speed_m_s: float | None
    candidates: tuple[Candidate, ...]
    result: bool = False
