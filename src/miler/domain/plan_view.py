"""A stored ``miler.plan/1`` document read once into typed values.

The planner builds :class:`~miler.domain.workouts.Plan`; what the program keeps is its
document. :meth:`PlanView.from_doc` reads that document back: it checks the shape, and a
malformed one is refused with the field that is wrong (``plan.weeks must be a list, got
'x'``) instead of failing somewhere later. The view carries what the document says (its
planned figures are read, not recomputed, so a stored plan shows as it was made); its steps
are the planner's own :class:`~miler.domain.workouts.Step` and
:class:`~miler.domain.workouts.Repeat`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from miler.domain.workouts import (
    AnyStep,
    Intensity,
    Measure,
    Phase,
    Repeat,
    SessionKind,
    Step,
    StepKind,
    is_hard,
    is_run,
)
from miler.domain.zones import PaceRange
from miler.errors import InvalidInputError, NotFoundError

__all__ = ["Goal", "PlanView", "SessionView", "WeekView", "step_from_doc"]

_E = TypeVar("_E", bound=StrEnum)
_T = TypeVar("_T")


def _field(doc: Mapping[str, Any], key: str, path: str) -> Any:
    if key not in doc:
        raise InvalidInputError(f"{path}.{key}", "is missing", None)
    return doc[key]


def _object(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidInputError(path, "must be an object", value)
    return value


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidInputError(path, "must be a list", value)
    return value


def _items(doc: Mapping[str, Any], key: str, path: str,
           read: Callable[[Mapping[str, Any], str], _T], default: Any = None) -> tuple[_T, ...]:
    """Each object of the list ``doc[key]`` read by ``read`` (a missing key: ``default``)."""
    where = f"{path}.{key}"
    value = _field(doc, key, path) if default is None else doc.get(key, default)
    return tuple(read(_object(item, f"{where}[{i}]"), f"{where}[{i}]")
                 for i, item in enumerate(_list(value, where)))


def _number(value: Any, path: str, *, optional: bool = False) -> Any:
    """A JSON number as it is (an int stays an int, so documents go out as they came in)."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(path, "must be a number", value)
    return value


def _int(value: Any, path: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(path, "must be a whole number", value)
    return value


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(path, "must be text", value)
    return value


def _date(value: Any, path: str) -> date:
    try:
        return date.fromisoformat(_text(value, path))
    except ValueError:
        raise InvalidInputError(path, "must be a date (YYYY-MM-DD)", value) from None


def _enum(kind: type[_E], value: Any, path: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(member) for member in kind)
        raise InvalidInputError(path, f"must be one of {allowed}", value) from None


def _pace(value: Any, path: str) -> PaceRange:
    pair = _list(_field(_object(value, path), "s_per_mile", path), f"{path}.s_per_mile")
    if len(pair) != 2:
        raise InvalidInputError(f"{path}.s_per_mile", "must be [fast, slow]", pair)
    try:
        return PaceRange(*(_number(v, f"{path}.s_per_mile") for v in pair))
    except InvalidInputError as exc:
        raise InvalidInputError(f"{path}.s_per_mile", exc.rule, exc.value) from None


def step_from_doc(doc: Mapping[str, Any], path: str = "step") -> AnyStep:
    """A step (or a repeat block) of a session document."""
    kind = _field(doc, "kind", path)
    if kind == "repeat":
        times = _int(_field(doc, "times", path), f"{path}.times")
        steps = _items(doc, "steps", path, step_from_doc)
        inner = tuple(s for s in steps if isinstance(s, Step))
        if len(inner) != len(steps):
            raise InvalidInputError(f"{path}.steps", "must not hold a repeat", "repeat")
        try:
            return Repeat(times or 0, inner)
        except InvalidInputError as exc:
            raise InvalidInputError(path, exc.rule, exc.value) from None
    optional = {key: doc.get(key) for key in ("distance_m", "duration_s")}
    try:
        return Step(
            _enum(StepKind, kind, f"{path}.kind"),
            distance_m=_number(optional["distance_m"], f"{path}.distance_m", optional=True),
            duration_s=_number(optional["duration_s"], f"{path}.duration_s", optional=True),
            pace=_pace(doc["pace"], f"{path}.pace") if "pace" in doc else None,
            effort=_int(doc.get("effort"), f"{path}.effort", optional=True),
            measure=_enum(Measure, doc["measure"], f"{path}.measure")
            if "measure" in doc else None,
            name=_text(doc["name"], f"{path}.name") if "name" in doc else None,
            sets=_int(doc.get("sets"), f"{path}.sets", optional=True),
            reps=_int(doc.get("reps"), f"{path}.reps", optional=True))
    except InvalidInputError as exc:
        if exc.field.startswith(path):
            raise
        raise InvalidInputError(f"{path}.{exc.field.removeprefix('step.')}", exc.rule,
                                exc.value) from None


@dataclass(frozen=True, slots=True)
class SessionView:
    """One session of a stored plan, on the plan's date."""

    id: str
    date: date
    kind: SessionKind
    intensity: Intensity
    title: str
    why: str = ""
    workout: str | None = None
    planned_distance_m: float | None = None
    planned_duration_s: float | None = None
    steps: tuple[AnyStep, ...] = ()

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], path: str = "session") -> SessionView:
        workout = doc.get("workout")
        return cls(
            id=_text(_field(doc, "id", path), f"{path}.id"),
            date=_date(_field(doc, "date", path), f"{path}.date"),
            kind=_enum(SessionKind, _field(doc, "kind", path), f"{path}.kind"),
            intensity=_enum(Intensity, _field(doc, "intensity", path), f"{path}.intensity"),
            title=_text(_field(doc, "title", path), f"{path}.title"),
            why=_text(doc.get("why", ""), f"{path}.why"),
            workout=None if workout is None else _text(workout, f"{path}.workout"),
            planned_distance_m=_number(doc.get("planned_distance_m"),
                                       f"{path}.planned_distance_m", optional=True),
            planned_duration_s=_number(doc.get("planned_duration_s"),
                                       f"{path}.planned_duration_s", optional=True),
            steps=_items(doc, "steps", path, step_from_doc, default=[]))

    @property
    def is_hard(self) -> bool:
        return is_hard(self.kind, self.intensity)

    @property
    def is_run(self) -> bool:
        return is_run(self.kind)


@dataclass(frozen=True, slots=True)
class WeekView:
    index: int
    phase: Phase
    start_date: date
    planned_distance_m: float
    sessions: tuple[SessionView, ...]
    easier: bool = False

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], path: str = "week") -> WeekView:
        index = _int(_field(doc, "index", path), f"{path}.index")
        assert index is not None
        return cls(index, _enum(Phase, _field(doc, "phase", path), f"{path}.phase"),
                   _date(_field(doc, "start_date", path), f"{path}.start_date"),
                   _number(_field(doc, "planned_distance_m", path),
                           f"{path}.planned_distance_m"),
                   _items(doc, "sessions", path, SessionView.from_doc),
                   bool(doc.get("easier")))


@dataclass(frozen=True, slots=True)
class Goal:
    """The goal the plan trains for and the verdict on it, in words."""

    mile_s: float
    verdict: str
    reason: str
    suggested_mile_s: float | None = None
    current_mile_s: float | None = None

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], path: str = "plan.goal") -> Goal:
        return cls(_number(_field(doc, "mile_s", path), f"{path}.mile_s"),
                   _text(_field(doc, "verdict", path), f"{path}.verdict"),
                   _text(_field(doc, "reason", path), f"{path}.reason"),
                   _number(doc.get("suggested_mile_s"), f"{path}.suggested_mile_s",
                           optional=True),
                   _number(doc.get("current_mile_s"), f"{path}.current_mile_s",
                           optional=True))


@dataclass(frozen=True, slots=True)
class PlanView:
    """A stored plan: its goal, named paces, notes and dated weeks of sessions."""

    start_date: date
    race_date: date
    goal: Goal
    paces: tuple[tuple[str, PaceRange], ...]
    weeks: tuple[WeekView, ...]
    notes: tuple[str, ...] = ()
    athlete_name: str | None = None
    test_mile_s: float | None = None
    units: str = "mi"  # the runner's units: mi or km

    @classmethod
    def from_doc(cls, doc: Any) -> PlanView:
        """Read a ``miler.plan/1`` document; ``InvalidInputError`` names a malformed field."""
        plan = _object(doc, "plan")
        weeks = _items(plan, "weeks", "plan", WeekView.from_doc)
        paces = _object(_field(plan, "paces", "plan"), "plan.paces")
        athlete = _object(plan.get("athlete", {}), "plan.athlete")
        name = athlete.get("name")
        return cls(
            start_date=_date(_field(plan, "start_date", "plan"), "plan.start_date"),
            race_date=_date(_field(plan, "race_date", "plan"), "plan.race_date"),
            goal=Goal.from_doc(_object(_field(plan, "goal", "plan"), "plan.goal")),
            paces=tuple((str(k), _pace(v, f"plan.paces.{k}")) for k, v in paces.items()),
            weeks=weeks,
            notes=tuple(_text(n, "plan.notes") for n in _list(plan.get("notes", []),
                                                              "plan.notes")),
            athlete_name=None if name is None else _text(name, "plan.athlete.name"),
            test_mile_s=_number(athlete.get("test_mile_s"), "plan.athlete.test_mile_s",
                                optional=True),
            units="km" if athlete.get("units") == "km" else "mi")

    @property
    def sessions(self) -> tuple[SessionView, ...]:
        return tuple(s for week in self.weeks for s in week.sessions)

    def session(self, session_id: str) -> tuple[WeekView, SessionView]:
        """The session ``session_id`` and its week; ``NotFoundError`` when there is none."""
        for week in self.weeks:
            for session in week.sessions:
                if session.id == session_id:
                    return week, session
        raise NotFoundError(f"no session {session_id!r} in the current plan")
