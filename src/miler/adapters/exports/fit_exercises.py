"""The FIT profile's entry for each exercise in miler's catalogue (domain/library.py).

A watch shows a strength step by its ``exercise_category`` and, within it, its
``exercise_name`` (the profile types ``exercise_category`` and ``<category>_exercise_name``
of the FIT SDK). Names are matched by the first phrase found in the exercise's name, most
specific first. Where the profile has no such exercise (single-leg bounding, pogo hops,
A-skips, butt kicks) only the category is given and the step's own name says what to do.
"""

from __future__ import annotations

from typing import Final

__all__ = ["profile_entry"]

#: (phrase in miler's name, FIT category, FIT exercise name or None), most specific first.
_TABLE: Final = (
    ("goblet squat", "squat", "goblet_squat"),
    ("split squat", "squat", "dumbbell_split_squat"),
    ("squat", "squat", "squat"),
    ("walking lunge", "lunge", "walking_lunge"),
    ("lunge", "lunge", "lunge"),
    ("romanian deadlift", "deadlift", "romanian_deadlift"),
    ("deadlift", "deadlift", "barbell_deadlift"),
    ("hip thrust", "hip_raise", "barbell_hip_thrust_on_floor"),
    ("bridge", "hip_raise", "hip_raise"),
    ("step-up", "squat", "step_up"),
    ("calf raise", "calf_raise", "standing_calf_raise"),
    ("side plank", "plank", "side_plank"),
    ("plank", "plank", "plank"),
    ("wall push-up", "push_up", "wall_push_up"),
    ("push-up", "push_up", "push_up"),
    ("pull-up", "pull_up", "pull_up"),
    ("box jump", "plyo", "box_jump"),
    ("burpee", "total_body", "burpee"),
    ("high knees", "warm_up", "walking_high_knees"),
    ("leg swings", "warm_up", "forward_and_backward_leg_swings"),
    ("hip circles", "warm_up", "hip_circles"),
    ("hip flexor stretch", "warm_up", "stretch_hip_flexor_and_quad"),
    ("hamstring stretch", "warm_up", "stretch_hamstring"),
    ("calf stretch", "warm_up", "stretch_calf"),
    ("bounding", "plyo", None),
    ("pogo", "plyo", None),
    ("skip", "warm_up", None),
    ("butt kick", "warm_up", None),
)


def profile_entry(name: str) -> tuple[int, int | None] | None:
    """``(exercise_category, exercise_name)`` as FIT numbers for an exercise called
    ``name``; the name is None where the profile has no such exercise, and the whole
    entry None for an exercise the table does not know."""
    from fit_tool.profile import profile_type

    lowered = name.lower()
    for phrase, category, exercise in _TABLE:
        if phrase in lowered:
            cat = profile_type.ExerciseCategory[category.upper()]
            if exercise is None:
                return int(cat.value), None
            names = getattr(profile_type, _enum_name(category))
            return int(cat.value), int(names[exercise.upper()].value)
    return None


def _enum_name(category: str) -> str:
    """``hip_raise`` -> ``HipRaiseExerciseName`` (fit-tool's name for the profile type)."""
    return "".join(part.capitalize() for part in category.split("_")) + "ExerciseName"
