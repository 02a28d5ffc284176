"""A session of a plan as plain lines: steps with their paces per mile and per 400 m lap,
then the session's "why". Calendars and printed plans share it."""

from __future__ import annotations

from collections.abc import Sequence

from miler.domain.plan_view import SessionView
from miler.domain.units import METERS_PER_KM, METERS_PER_MILE, TRACK_LAP_M, format_clock
from miler.domain.workouts import AnyStep, Measure, Repeat, Step, StepKind

__all__ = ["amount", "is_timed", "pace_text", "session_lines", "session_summary", "step_lines",
           "why_line"]

_LABELS = {"warmup": "Warm-up", "work": "", "recovery": "Recovery", "cooldown": "Cool-down",
           "exercise": "", "drill": "Drill"}


def pace_text(s_per_mile: Sequence[float], km: bool = False) -> str:
    """``[fast, slow]`` seconds per mile as ``6:00–6:30/mi (1:29.5–1:36.9/lap)``; with
    ``km`` the pace per km joins them: ``6:00–6:30/mi, 3:44–4:02/km (...)``."""
    fast, slow = s_per_mile
    lap, per_km = TRACK_LAP_M / METERS_PER_MILE, METERS_PER_KM / METERS_PER_MILE
    mile = _range(format_clock(fast), format_clock(slow)) + "/mi"
    if km:
        mile += ", " + _range(format_clock(fast * per_km), format_clock(slow * per_km)) + "/km"
    laps = _range(format_clock(fast * lap, 1), format_clock(slow * lap, 1))
    return f"{mile} ({laps}/lap)"


def _range(fast: str, slow: str) -> str:
    return fast if fast == slow else f"{fast}–{slow}"


def _distance(meters: float) -> str:
    if meters >= 1000:
        return f"{meters / METERS_PER_MILE:.2f} mi"
    return f"{meters:.0f} m"


def _duration(seconds: float) -> str:
    return f"{seconds / 60:g} min" if seconds % 60 == 0 else format_clock(seconds)


def is_timed(step: Step) -> bool:
    """Whether a step is run for a time (carrying its estimated distance, DESIGN.md) rather
    than a distance: its ``measure`` says so; without one, a step with a duration is timed."""
    if step.measure is not None:
        return bool(step.measure is Measure.TIME and step.duration_s)
    return bool(step.duration_s)


def amount(step: Step, times: str = "x") -> str:
    """How much of a step: ``3 x 10`` reps, ``3 x 30 s`` held, ``20 min (~1.80 mi)`` timed
    (with its estimated distance), ``400 m`` by distance. ``times`` is the sign between."""
    if step.reps is not None:
        return f"{1 if step.sets is None else step.sets} {times} {step.reps}"
    held = step.duration_s
    if step.sets is not None:  # a held or timed exercise: sets of a duration
        each = "1" if not held else f"{held:g} s" if held < 60 else _duration(held)
        return f"{step.sets} {times} {each}"
    distance = step.distance_m
    if is_timed(step):
        about = f" (~{_distance(distance)})" if distance else ""
        return _duration(step.duration_s or 0.0) + about
    return _distance(distance) if distance else "until lap button"


def step_lines(step: AnyStep, indent: str = "", km: bool = False) -> list[str]:
    if isinstance(step, Repeat):
        lines = [f"{indent}{step.times} x:"]
        for inner in step.steps:
            lines += step_lines(inner, indent + "  ", km)
        return lines
    parts = [_LABELS.get(step.kind, ""), step.name or "", amount(step)]
    if step.pace is not None:
        parts.append("at " + pace_text(step.pace.as_list(), km))
    elif step.effort is not None:
        parts.append(f"effort {step.effort}/10")
    return [indent + " ".join(p for p in parts if p)]


def session_lines(session: SessionView, km: bool = False) -> list[str]:
    """Every step, then the why."""
    lines = [line for step in session.steps for line in step_lines(step, km=km)]
    if session.why:
        lines += [*([""] if lines else []), f"Why: {session.why}"]
    return lines


def _short_pace(step: Step, units: str, lap: bool) -> str:
    if step.pace is None:
        return f" by effort ({step.effort}/10)" if step.effort else ""
    fast, slow = step.pace.as_list()
    scale, unit = (METERS_PER_KM / METERS_PER_MILE, "km") if units == "km" else (1.0, "mi")
    text = f" at {_range(format_clock(fast * scale), format_clock(slow * scale))}/{unit}"
    if lap:
        per = TRACK_LAP_M / METERS_PER_MILE
        text += f" ({_range(format_clock(fast * per, 1), format_clock(slow * per, 1))}/lap)"
    return text


def _seconds(seconds: float) -> str:
    return f"{seconds:g} s" if seconds < 120 and seconds % 60 else _duration(seconds)


def _short_amount(step: Step, units: str) -> str:
    if step.kind in (StepKind.EXERCISE, StepKind.DRILL):
        if (step.sets or 1) == 1 and step.reps is None and step.duration_s:
            return f"{step.name} {_seconds(step.duration_s)}"
        return f"{step.name} {amount(step)}"
    if is_timed(step):
        return _seconds(step.duration_s or 0.0)
    meters = step.distance_m or 0.0
    if meters < 1000 or not meters:
        return f"{meters:.0f} m" if meters else "until lap button"
    scale, unit = (METERS_PER_KM, "km") if units == "km" else (METERS_PER_MILE, "mi")
    return f"{meters / scale:.2f}".rstrip("0").rstrip(".") + f" {unit}"


def _short_step(step: Step, units: str) -> str:
    label = {"warmup": "Warm-up ", "cooldown": "Cool-down "}.get(step.kind, "")
    if step.kind is StepKind.RECOVERY:
        return f"{_short_amount(step, units)} {step.name or 'jog'}"
    name = ""
    if step.name and step.kind is StepKind.WORK and not step.name.startswith("by feel"):
        name = " " + step.name.split(": ")[0] if step.name.startswith("lap ") else \
            " " + step.name
    work = step.kind is StepKind.WORK and (step.distance_m or 0.0) <= METERS_PER_MILE + 1
    return f"{label}{_short_amount(step, units)}{name}{_short_pace(step, units, work)}"


def session_summary(session: SessionView, units: str = "mi") -> str:
    """A session's steps on one line for paper: ``Warm-up 1.25 mi at 10:43–11:33/mi; 6 x
    400 m at 7:00–7:15/mi (1:44.4–1:48.1/lap), 90 s jog; Cool-down 1 mi at ...``."""
    parts = []
    for step in session.steps:
        if isinstance(step, Repeat):
            work, *rest = step.steps
            inner = ", ".join([_short_step(work, units), *(_short_step(s, units) for s in rest)])
            parts.append(f"{step.times} x {inner}" if step.times > 1 else inner)
        elif step.kind in (StepKind.EXERCISE, StepKind.DRILL):
            parts.append(_short_amount(step, units))
        else:
            parts.append(_short_step(step, units))
    return "; ".join(parts)


def why_line(why: str, limit: int = 170) -> str:
    """The session's "why" shortened to its first sentence (at most ``limit`` characters)."""
    first = why.split(". ")[0].rstrip(".") + "."
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + "…"
