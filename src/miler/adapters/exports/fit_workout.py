"""Watch workouts: a session of a plan as a FIT workout file.

Encoded with ``fit-tool`` (BSD-3-Clause). Raw FIT units are set in one place,
:class:`_Steps`: seconds -> ms, metres -> cm, m/s -> mm/s. Layout follows the FIT profile:
``file_id`` (type workout), ``workout`` (sport, name, number of steps), then ``workout_step``s.
A repeat block is its steps followed by a step of duration type ``repeat_until_steps_cmplt``
whose duration value is the index of the block's first step and whose target value is the
count, as in the FIT SDK's repeat sample. A pace range is a speed target: the slower pace is
the low bound. Strength exercises are rep-count steps named for the exercise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from miler.domain.plan_view import SessionView
from miler.domain.units import METERS_PER_MILE
from miler.domain.workouts import RUN_KINDS, AnyStep, Repeat, SessionKind, Step, StepKind

__all__ = ["WORKOUT_KINDS", "session_workout", "workout_file_name"]

WORKOUT_KINDS = RUN_KINDS | {SessionKind.STRENGTH}
_MAX_NAME = 40  # watches show about this much of a step or workout name

# FIT exercise categories (profile type exercise_category) for the seeds' exercises.
_CATEGORIES = (("split squat", 17), ("squat", 28), ("lunge", 17), ("deadlift", 8),
               ("bridge", 10), ("hip thrust", 10), ("step-up", 17), ("calf", 1),
               ("plank", 19), ("core", 5), ("push-up", 22), ("pull-up", 21), ("box jump", 20),
               ("bounding", 20), ("burpee", 20))


def short_name(name: str, limit: int = _MAX_NAME) -> str:
    """A name a watch can show: whole if it fits, else up to its last full sentence or
    word that fits ("lap 1: Strong start, not too hard." of a longer cue)."""
    if len(name) <= limit:
        return name
    cut = name[:limit + 1]
    for end, keep in ((". ", 1), (" (", 0), ("; ", 0), (": ", 0), (", ", 0)):
        at = cut.find(end) if end == " (" else cut.rfind(end)
        if limit // 2 < at <= limit:
            return cut[:at + keep]
    at = cut.rfind(" ", 0, limit)
    return cut[:at] if at > 0 else name[:limit]


class _Steps:
    """Collects workout_step messages; every unit conversion to raw FIT happens here."""

    def __init__(self) -> None:
        from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage

        self._message = WorkoutStepMessage
        self.messages: list[Any] = []

    def _new(self, name: str | None, intensity: Any) -> Any:
        msg = self._message()
        msg.message_index = len(self.messages)
        if name:
            msg.workout_step_name = short_name(name)
        msg.intensity = intensity
        self.messages.append(msg)
        return msg

    def run(self, name: str | None, intensity: Any, *, time_s: float | None = None,
            distance_m: float | None = None, pace: list[float] | None = None) -> None:
        from fit_tool.profile.profile_type import WorkoutStepDuration, WorkoutStepTarget

        msg = self._new(name, intensity)
        if distance_m is not None:
            msg.duration_value = round(distance_m * 100)  # cm
            msg.duration_type = WorkoutStepDuration.DISTANCE
        elif time_s is not None:
            msg.duration_value = round(time_s * 1000)  # ms
            msg.duration_type = WorkoutStepDuration.TIME
        else:
            msg.duration_value = 0
            msg.duration_type = WorkoutStepDuration.OPEN  # until the lap button
        if pace is None:
            msg.target_value = 0
            msg.target_type = WorkoutStepTarget.OPEN
            return
        fast, slow = pace  # seconds per mile
        msg.target_value = 0  # 0 = a custom range, not a speed zone
        msg.custom_target_value_low = round(METERS_PER_MILE / slow * 1000)  # mm/s
        msg.custom_target_value_high = round(METERS_PER_MILE / fast * 1000)
        msg.target_type = WorkoutStepTarget.SPEED

    def reps(self, name: str, reps: int, category: int | None) -> None:
        from fit_tool.profile.profile_type import Intensity, WorkoutStepDuration

        msg = self._new(name, Intensity.ACTIVE)
        msg.duration_value = reps
        msg.duration_type = WorkoutStepDuration.REPS
        if category is not None:
            msg.exercise_category = category

    def repeat(self, first_index: int, times: int) -> None:
        from fit_tool.profile.profile_type import Intensity, WorkoutStepDuration

        msg = self._new(None, Intensity.ACTIVE)
        msg.duration_value = first_index
        msg.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
        msg.target_value = times


def _intensity(kind: str) -> Any:
    from fit_tool.profile.profile_type import Intensity

    return {"warmup": Intensity.WARMUP, "cooldown": Intensity.COOLDOWN,
            "recovery": Intensity.RECOVERY}.get(kind, Intensity.ACTIVE)


def _category(name: str) -> int | None:
    lowered = name.lower()
    return next((cat for word, cat in _CATEGORIES if word in lowered), None)


def _add(steps: _Steps, step: AnyStep) -> None:
    from miler.adapters.exports.steps_text import is_timed

    if isinstance(step, Repeat):
        first = len(steps.messages)
        for inner in step.steps:
            _add(steps, inner)
        steps.repeat(first, step.times)
    elif step.kind is StepKind.EXERCISE:
        block = len(steps.messages)
        name = "exercise" if step.name is None else step.name
        steps.reps(name, 1 if step.reps is None else step.reps, _category(step.name or ""))
        if step.sets is not None and step.sets > 1:
            steps.repeat(block, step.sets)
    else:
        timed = is_timed(step)
        kind = str(step.kind)
        steps.run(step.name or kind.replace("warmup", "warm-up"), _intensity(kind),
                  distance_m=None if timed else step.distance_m,
                  time_s=step.duration_s if timed else None,
                  pace=step.pace.as_list() if step.pace is not None else None)


def serial_number(session_id: str) -> int:
    """A stable 32-bit serial from the session id: the same session keeps its serial."""
    return int.from_bytes(hashlib.sha256(session_id.encode()).digest()[:4], "big") or 1


def session_workout(session: SessionView, created: datetime) -> bytes:
    """One session as the bytes of a FIT workout file."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.workout_message import WorkoutMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport, SubSport

    steps = _Steps()
    for step in _steps_of(session):
        _add(steps, step)
    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = serial_number(session.id)
    file_id.time_created = round(created.timestamp() * 1000)
    workout = WorkoutMessage()
    workout.workout_name = short_name(session.title)
    strength = session.kind is SessionKind.STRENGTH
    workout.sport = Sport.TRAINING if strength else Sport.RUNNING
    workout.sub_sport = SubSport.STRENGTH_TRAINING if strength else SubSport.GENERIC
    workout.num_valid_steps = len(steps.messages)
    builder = FitFileBuilder(auto_define=True, min_string_size=_MAX_NAME)
    builder.add(file_id)
    builder.add(workout)
    builder.add_all(steps.messages)
    data: bytes = builder.build().to_bytes()
    return data


def _steps_of(session: SessionView) -> Iterable[AnyStep]:
    if session.steps:
        return session.steps
    # a session without steps is one open step: run it, press lap when done
    meters = session.planned_distance_m
    return [Step(StepKind.WORK, name=session.title, distance_m=meters)] if meters \
        else [Step(StepKind.WORK)]


def workout_file_name(session: SessionView) -> str:
    return f"{session.date}-{session.kind}-{session.id[-8:]}.fit".replace("/", "-")
