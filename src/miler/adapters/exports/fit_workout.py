"""Watch workouts: a plan's watch workouts (domain/watch.py) as FIT workout files.

Encoded with ``fit-tool`` (BSD-3-Clause). Raw FIT units are set in one place,
:class:`_Steps`: seconds -> ms, metres -> cm, m/s -> mm/s. Layout follows the FIT profile:
``file_id`` (type workout), ``workout`` (sport, name, number of steps), then ``workout_step``s.
A repeat block is its steps followed by a step of duration type ``repeat_until_steps_cmplt``
whose duration value is the index of the block's first step and whose target value is the
count, as in the FIT SDK's repeat sample. A pace range is a speed target: the slower pace is
the low bound. A step ended by the lap button has duration type ``open``. Strength steps
carry ``exercise_category`` and ``exercise_name`` (adapters/exports/fit_exercises.py).
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Any

from miler.domain.units import METERS_PER_MILE
from miler.domain.watch import End, Outing, WatchRepeat, WatchStep, outing_name, watch_steps

__all__ = ["serial_number", "short_name", "workout_file", "workout_file_name"]

_MAX_NAME = 40  # watches show about this much of a step name
_MAX_WORKOUT_NAME = 48  # "Wed 02 Dec · Easy 3.75 mi + drills, strides" and a little more
_MAX_NOTES = 200


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

    def add(self, step: WatchStep) -> None:
        from fit_tool.profile.profile_type import Intensity, WorkoutStepDuration, WorkoutStepTarget

        msg = self._message()
        msg.message_index = len(self.messages)
        msg.workout_step_name = short_name(step.name)
        msg.intensity = Intensity[step.role.name]
        if step.notes:
            msg.notes = short_name(step.notes, _MAX_NOTES)
        # the raw value first: fit-tool scales a value set after its type by the subfield
        amount = step.amount or 0.0
        if step.end is End.TIME:
            msg.duration_value = round(amount * 1000)  # ms
            msg.duration_type = WorkoutStepDuration.TIME
        elif step.end is End.DISTANCE:
            msg.duration_value = round(amount * 100)  # cm
            msg.duration_type = WorkoutStepDuration.DISTANCE
        elif step.end is End.REPS:
            msg.duration_value = round(amount)
            msg.duration_type = WorkoutStepDuration.REPS
        else:
            msg.duration_value = 0
            msg.duration_type = WorkoutStepDuration.OPEN  # until the lap button
        if step.exercise is not None:
            self._exercise(msg, step.exercise)
        if step.pace is None:
            msg.target_value = 0
            msg.target_type = WorkoutStepTarget.OPEN
        else:
            fast, slow = step.pace  # seconds per mile
            msg.target_value = 0  # 0 = a custom range, not a speed zone
            msg.custom_target_value_low = round(METERS_PER_MILE / slow * 1000)  # mm/s
            msg.custom_target_value_high = round(METERS_PER_MILE / fast * 1000)
            msg.target_type = WorkoutStepTarget.SPEED
        self.messages.append(msg)

    @staticmethod
    def _exercise(msg: Any, name: str) -> None:
        from miler.adapters.exports.fit_exercises import profile_entry

        entry = profile_entry(name)
        if entry is not None:
            msg.exercise_category = entry[0]
            if entry[1] is not None:
                msg.exercise_name = entry[1]

    def repeat(self, first_index: int, times: int) -> None:
        from fit_tool.profile.profile_type import Intensity, WorkoutStepDuration

        msg = self._message()
        msg.message_index = len(self.messages)
        msg.intensity = Intensity.ACTIVE
        msg.duration_value = first_index
        msg.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
        msg.target_value = times
        self.messages.append(msg)


def serial_number(athlete: str, plan_key: str, session_id: str) -> int:
    """A stable 32-bit serial from who, which plan and which session: the same workout
    keeps its serial; two athletes' (or two plans') workouts do not share one."""
    key = "\n".join((athlete, plan_key, session_id)).encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:4], "big") or 1


def workout_file(outing: Outing, created: datetime, serial: int) -> bytes:
    """One watch workout as the bytes of a FIT workout file."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.workout_message import WorkoutMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport, SubSport

    steps = _Steps()
    for item in watch_steps(outing):
        if isinstance(item, WatchRepeat):
            first = len(steps.messages)
            for inner in item.steps:
                steps.add(inner)
            if item.times > 1:
                steps.repeat(first, item.times)
        else:
            steps.add(item)
    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = serial
    file_id.time_created = round(created.timestamp() * 1000)
    workout = WorkoutMessage()
    workout.workout_name = short_name(outing_name(outing), _MAX_WORKOUT_NAME)
    workout.sport = Sport.TRAINING if outing.is_strength else Sport.RUNNING
    workout.sub_sport = SubSport.STRENGTH_TRAINING if outing.is_strength else SubSport.GENERIC
    workout.num_valid_steps = len(steps.messages)
    builder = FitFileBuilder(auto_define=True, min_string_size=_MAX_NAME)
    builder.add(file_id)
    builder.add(workout)
    builder.add_all(steps.messages)
    data: bytes = builder.build().to_bytes()
    return data


def workout_file_name(outing: Outing) -> str:
    """``2026-12-01-tue-fartlek-7x80s.fit``: the date, then the workout's name."""
    words = outing_name(outing).split(" · ", 1)
    day = outing.main.date
    slug = re.sub(r"[^a-z0-9]+", "-", f"{day:%a} {words[-1]}".lower()).strip("-")
    return f"{day.isoformat()}-{slug[:60].rstrip('-')}.fit"
