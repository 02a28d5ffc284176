"""The session catalogue as data: every session a plan can hold, with a one-line "why".

Running sessions are built into steps by ``domain/sessions.py``; the exercises of strength,
mobility and drill sessions are listed here (seed 000's and seed 001's exercises, plyometrics
for the later weeks of the block, as seed 001 advises to build power).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from miler.domain.workouts import Intensity, SessionKind

__all__ = [
    "CATALOGUE",
    "DRILLS",
    "GUIDE_7",
    "GUIDE_FASTER",
    "MOBILITY",
    "RACE_DRILLS",
    "SEED_SPEED_SESSIONS",
    "STRENGTH",
    "CatalogueEntry",
    "Exercise",
]


#: The two articles the coaching comes from, by title: how the runner's text cites them
#: (seed 000 and seed 001 in the project's own notes).
GUIDE_7: Final = "How to Run a 7 Minute Mile"
GUIDE_FASTER: Final = "How to Run a Faster Mile"


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """A kind of session: how it counts (kind, intensity), what it is called and why."""

    key: str
    kind: SessionKind
    intensity: Intensity
    name: str
    why: str
    source: str


@dataclass(frozen=True, slots=True)
class Exercise:
    """Sets of reps, or sets of a hold/drill lasting ``duration_s``."""

    name: str
    sets: int
    reps: int | None = None
    duration_s: float | None = None


_K, _I = SessionKind, Intensity
_ENTRIES: Final = (
    # Seed 000's five speed sessions (the 200 m and 400 m repeats are its first, either-or).
    CatalogueEntry("repeats_400", _K.SPEED, _I.HARD, "400 m repeats",
                   "Running faster than goal pace (\"How to Run a 7 Minute Mile\") makes goal "
                   "pace feel comfortable and quickens your turnover.", "seed 000"),
    CatalogueEntry("repeats_200", _K.SPEED, _I.HARD, "200 m repeats",
                   "Short, fast repeats (\"How to Run a 7 Minute Mile\") build speed and "
                   "stride turnover with little fatigue.", "seed 000"),
    CatalogueEntry("fartlek", _K.FARTLEK, _I.HARD, "Fartlek",
                   "80–90 s surges with 60 s jogs (\"How to Run a 7 Minute Mile\") teach you "
                   "to change gear and recover while still running.", "seed 000"),
    CatalogueEntry("ladder", _K.SPEED, _I.HARD, "12 x 1 min progression",
                   "Four minutes each at 20-minute, 10–12-minute and mile race pace (\"How to "
                   "Run a 7 Minute Mile\") rehearse the mile's rising effort in one session.",
                   "seed 000"),
    CatalogueEntry("goal_tempo", _K.THRESHOLD, _I.HARD, "2-mile goal-pace tempo",
                   "The 2-mile 'threshold' run of \"How to Run a 7 Minute Mile\" is really "
                   "goal-pace tempo: true threshold is slower. It comes late in the block, "
                   "split in two while you are far from the goal.",
                   "seed 000"),
    CatalogueEntry("repeats_800", _K.SPEED, _I.HARD, "800 m repeats",
                   "Half-mile efforts with 2–3 min jogs (\"How to Run a 7 Minute Mile\") "
                   "build the endurance to hold pace for four laps.",
                   "seed 000"),
    # Seed 001's additions.
    CatalogueEntry("race_pace", _K.SPEED, _I.HARD, "Goal-pace 400s",
                   "Race-pace intervals (\"How to Run a Faster Mile\") rehearse the lap split "
                   "you will run on race day.", "seed 001"),
    CatalogueEntry("vo2max", _K.SPEED, _I.HARD, "VO2max intervals",
                   "Efforts of three to five minutes at interval pace raise VO2max, the engine "
                   "of a fast mile (common coaching practice; \"How to Run a Faster Mile\" "
                   "lists VO2max intervals).", "seed 001"),
    CatalogueEntry("hills", _K.HILLS, _I.HARD, "Hill repeats",
                   "Hard uphill efforts build strength, power and speed (\"How to Run a "
                   "Faster Mile\") with less pounding than the track.", "seed 001"),
    CatalogueEntry("threshold", _K.THRESHOLD, _I.HARD, "Threshold intervals",
                   "Threshold work, about the pace you could race for an hour (\"How to Run a "
                   "Faster Mile\"), lets you run the first half of a mile before tipping into "
                   "the red. Short jogs keep it controlled: comfortably hard, never a race.",
                   "seed 001"),
    CatalogueEntry("test_mile", _K.TIME_TRIAL, _I.HARD, "Test mile",
                   "Your mile today sets the goal and every pace (the test mile of \"How to "
                   "Run a 7 Minute Mile\"); enter the result to re-set the plan's paces.",
                   "seed 000"),
    CatalogueEntry("time_trial", _K.TIME_TRIAL, _I.HARD, "Mile time trial",
                   "A mid-block mile at race effort measures progress and rehearses the race "
                   "(\"How to Run a Faster Mile\"); its result re-sets the paces for the "
                   "weeks after.", "seed 001"),
    CatalogueEntry("race", _K.RACE, _I.HARD, "Mile race",
                   "Race day: well rested, the same route as your test mile, a thorough "
                   "warm-up, then lap 1 controlled and lap 4 the fastest (both guides).",
                   "seeds 000, 001"),
    CatalogueEntry("strides", _K.STRIDES, _I.EASY, "Strides",
                   "Accelerations to near top speed (\"How to Run a Faster Mile\"); after an "
                   "easy run they keep your legs quick without tiring them.", "seed 001"),
    CatalogueEntry("hill_sprints", _K.STRIDES, _I.EASY, "Hill sprints",
                   "Short uphill sprints with full recovery build strength, power and speed "
                   "(\"How to Run a Faster Mile\").", "seed 001"),
    CatalogueEntry("drills", _K.DRILLS, _I.EASY, "Running drills",
                   "High knees, skips and bounds improve running form and technique "
                   "(\"How to Run a Faster Mile\").", "seed 001"),
    CatalogueEntry("easy", _K.EASY, _I.EASY, "Easy run",
                   "The bulk of your running is easy: it builds the aerobic base a mile "
                   "still runs on (both guides).", "seeds 000, 001"),
    CatalogueEntry("double", _K.EASY, _I.EASY, "Second easy run",
                   "A short second run on an easy day adds volume without one long, tiring "
                   "run: common practice for milers from about 55-60 miles a week.",
                   "common coaching practice"),
    CatalogueEntry("long", _K.LONG, _I.EASY, "Long run",
                   "Conversational pace, effort 6 of 10: stamina, physical and mental "
                   "(\"How to Run a Faster Mile\").", "seed 001"),
    CatalogueEntry("shakeout", _K.EASY, _I.EASY, "Shake-out run",
                   "A short easy jog with a few strides keeps the legs loose before race "
                   "day.", "seeds 000, 001"),
    CatalogueEntry("cross", _K.CROSS, _I.EASY, "Cross-training",
                   "Aerobic work without running's impact: cycling, swimming, rowing, "
                   "elliptical, aqua jogging or hiking (\"How to Run a Faster Mile\").",
                   "seed 001"),
    CatalogueEntry("strength", _K.STRENGTH, _I.MODERATE, "Strength",
                   "Strength training improves VO2max, threshold, economy and tendon "
                   "stiffness and lowers injury risk (\"How to Run a 7 Minute Mile\"); done "
                   "after the hard run so easy days stay easy.", "seeds 000, 001"),
    CatalogueEntry("strength_plyo", _K.STRENGTH, _I.MODERATE, "Strength and plyometrics",
                   "Heavy lifts build fast-twitch fibres; box jumps, bounding and burpees add "
                   "power for the last lap (\"How to Run a Faster Mile\").", "seed 001"),
    CatalogueEntry("strength_base", _K.STRENGTH, _I.MODERATE, "Strength (body weight)",
                   "Body-weight strength while the mileage builds: the muscles a mile uses "
                   "most, and fewer injuries (\"How to Run a 7 Minute Mile\").", "seed 000"),
    CatalogueEntry("strength_50", _K.STRENGTH, _I.MODERATE, "Strength (lighter)",
                   "From 50, lighter variants (goblet squats, Romanian deadlifts) keep the "
                   "strength a mile needs with less load on joints that recover more slowly: "
                   "common practice for masters runners.", "common coaching practice"),
    CatalogueEntry("strength_plyo_50", _K.STRENGTH, _I.MODERATE,
                   "Strength and plyometrics (less volume)",
                   "From 50, half the jumps of the full session (low box, fewer bounds): "
                   "power without the pounding, common practice for masters runners.",
                   "common coaching practice"),
    CatalogueEntry("strength_plyo_60", _K.STRENGTH, _I.MODERATE,
                   "Strength and low-impact plyometrics",
                   "From 60, skips and pogo hops take the place of box jumps, bounding and "
                   "burpees: springiness with little impact, common practice for masters "
                   "runners.", "common coaching practice"),
    CatalogueEntry("strength_light", _K.STRENGTH, _I.EASY, "Strength (light)",
                   "Two light sets keep the habit while the taper lets you freshen up.",
                   "seeds 000, 001"),
    CatalogueEntry("mobility", _K.MOBILITY, _I.EASY, "Mobility",
                   "Mobility with your strength work lowers injury risk while you train "
                   "(\"How to Run a 7 Minute Mile\").", "seed 000"),
    CatalogueEntry("rest", _K.REST, _I.REST, "Rest day",
                   "No structured exercise: rest and recover (stretching, foam rolling, "
                   "taking it easy: \"How to Run a Faster Mile\").", "seed 001"),
)

#: Every session, by key.
CATALOGUE: Final[Mapping[str, CatalogueEntry]] = MappingProxyType(
    {entry.key: entry for entry in _ENTRIES})

#: Seed 000's speed sessions; "200 m or 400 m repeats" is one of them, either way.
SEED_SPEED_SESSIONS: Final = (
    frozenset({"repeats_200", "repeats_400"}), frozenset({"fartlek"}), frozenset({"ladder"}),
    frozenset({"goal_tempo"}), frozenset({"repeats_800"}))

#: Strength by stage: body weight in base weeks; heavier lifts in the block (seed 000's and seed
#: 001's exercises); plyometrics added in the sharpen weeks; two light sets in the taper.
STRENGTH: Final[Mapping[str, tuple[Exercise, ...]]] = MappingProxyType({
    "strength_base": (
        Exercise("Squats", 2, 12), Exercise("Lunges, each leg", 2, 10),
        Exercise("Bridges", 2, 12), Exercise("Step-ups, each leg", 2, 10),
        Exercise("Calf raises", 2, 15), Exercise("Push-ups", 2, 8),
        Exercise("Plank", 2, duration_s=30)),
    "strength": (
        Exercise("Squats", 3, 8), Exercise("Split squats, each leg", 3, 8),
        Exercise("Deadlifts", 3, 6), Exercise("Hip thrusts", 3, 10),
        Exercise("Step-ups, each leg", 3, 8), Exercise("Calf raises", 3, 15),
        Exercise("Pull-ups", 3, 5), Exercise("Plank", 3, duration_s=45)),
    "strength_plyo": (
        Exercise("Box jumps", 3, 5), Exercise("Single-leg bounding, each leg", 3, 6),
        Exercise("Burpees", 2, 8), Exercise("Squats", 3, 6), Exercise("Deadlifts", 3, 5),
        Exercise("Calf raises", 3, 12), Exercise("Push-ups", 3, 10),
        Exercise("Side plank, each side", 2, duration_s=30)),
    "strength_50": (
        Exercise("Goblet squats", 2, 10), Exercise("Split squats, each leg", 2, 8),
        Exercise("Romanian deadlifts, light", 2, 8), Exercise("Hip thrusts", 2, 10),
        Exercise("Step-ups, each leg", 2, 8), Exercise("Calf raises", 2, 15),
        Exercise("Push-ups", 2, 8), Exercise("Plank", 2, duration_s=40)),
    "strength_plyo_50": (
        Exercise("Box jumps, low box", 2, 4), Exercise("Single-leg bounding, each leg", 2, 4),
        Exercise("Goblet squats", 2, 8), Exercise("Romanian deadlifts, light", 2, 6),
        Exercise("Calf raises", 2, 12), Exercise("Push-ups", 2, 8),
        Exercise("Side plank, each side", 2, duration_s=30)),
    "strength_plyo_60": (
        Exercise("A-skips", 2, duration_s=20), Exercise("Pogo hops", 2, 10),
        Exercise("Goblet squats", 2, 8), Exercise("Romanian deadlifts, light", 2, 6),
        Exercise("Calf raises", 2, 12), Exercise("Wall push-ups", 2, 10),
        Exercise("Side plank, each side", 2, duration_s=20)),
    "strength_light": (
        Exercise("Squats", 2, 6), Exercise("Lunges, each leg", 2, 6),
        Exercise("Bridges", 2, 10), Exercise("Plank", 2, duration_s=30)),
})

MOBILITY: Final = (
    Exercise("Leg swings, each way", 2, 10), Exercise("Hip circles", 2, 10),
    Exercise("Hip flexor stretch, each side", 2, duration_s=30),
    Exercise("Hamstring stretch, each side", 2, duration_s=30),
    Exercise("Calf stretch, each side", 2, duration_s=30),
    Exercise("Foam roll: quads, calves, glutes", 1, duration_s=300))

#: Form drills (seed 001: high knees, hill sprints and accelerations improve form).
DRILLS: Final = (
    Exercise("High knees", 2, duration_s=20), Exercise("A-skips", 2, duration_s=20),
    Exercise("Butt kicks", 2, duration_s=20), Exercise("Bounding", 2, duration_s=20))

#: The race-day dynamic warm-up of seed 001.
RACE_DRILLS: Final = (
    Exercise("Walking lunges", 1, 10), Exercise("Bounding", 1, duration_s=20),
    Exercise("Leg swings, each way", 1, 10), Exercise("High knees", 1, duration_s=20))

# Planned minutes for the sessions that are not runs (the exercise lists above, with rests).
SESSION_MINUTES: Final[Mapping[str, float]] = MappingProxyType({
    "strength_base": 25, "strength": 40, "strength_plyo": 40, "strength_light": 15,
    "strength_50": 30, "strength_plyo_50": 30, "strength_plyo_60": 25,
    "mobility": 15, "drills": 10})
