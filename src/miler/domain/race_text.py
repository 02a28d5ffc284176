"""The words of a race-day plan: cues, labels, warm-up, cool-down and advice.

Kept apart from the arithmetic in ``race.py``. Placeholders: ``{lap}``, ``{check}``,
``{half}``, ``{home}`` (the venue's words, ``WORDS``), ``{slow}`` and ``{loss}`` (the
seconds lap 1 gives away and lap 3 may lose), ``{goal}`` and ``{stretch}`` (clock times).
"""

from __future__ import annotations

from typing import Final

# Race-day words that differ between a track and a road.
WORDS: Final = {
    "track": {"lap": "lap", "check": "200 m", "half": "800 m",
              "home": "the finishing straight"},
    "road": {"lap": "quarter", "check": "the first eighth", "half": "halfway",
             "home": "the last 100 m"},
}
LABELS: Final = {
    "track": ("200 m", "lap 1", "600 m", "lap 2", "1000 m", "lap 3", "1300 m", "1400 m",
              "1500 m", "finish"),
    "road": ("1/8 mi", "1/4 mi", "3/8 mi", "1/2 mi", "5/8 mi", "3/4 mi", "13/16 mi",
             "7/8 mi", "15/16 mi", "finish"),
}
# Seed 001, "Pace Yourself", lap by lap.
SEED_LAP_CUES: Final = (
    "Strong start, not too hard. On goal pace at {check}: rein in if you are ahead. "
    "Then settle and come through about {slow} slower than even.",
    "Next gear: good form, quicker cadence, still relaxed; back on goal pace by {half}.",
    "The hardest {lap}: hang on and hold the pace through the discomfort. "
    "Lose no more than {loss}.",
    "Give it all you've got: each 100 m faster than the last, sprint {home}.",
)
EVEN_LAP_CUES: Final = (
    "Settle into goal pace from the start, not faster; check it at {check}.",
    "Hold goal pace: good form, steady cadence, relaxed.",
    "The hardest {lap}: hold goal pace through the discomfort.",
    "Hold goal pace to the line; kick in {home} only if you have it.",
)
# (band word, cue) for each checkpoint: what the split should say, then what to do next.
SEED_POINTS: Final = (
    ("on pace", "On goal pace, not ahead: rein in if faster."),
    ("+{slow}", "About {slow} slower than even is right: stay relaxed."),
    ("gear up", "Next gear: form and cadence."),
    ("on pace", "Back on goal pace."),
    ("hang on", "Hang on: the hardest {lap}."),
    ("bell", "Last {lap}: {loss} to win back, faster every 100 m."),
    ("faster", "Faster."),
    ("faster", "Faster again."),
    ("sprint", "Sprint {home}!"),
    ("finish", "Through the line."),
)
EVEN_POINTS: Final = (
    ("on pace", "On goal pace, not ahead."),
    ("on pace", "On goal pace."),
    ("hold", "Hold it, relaxed."),
    ("on pace", "On goal pace."),
    ("hang on", "Hang on: the hardest {lap}."),
    ("bell", "Last {lap}: hold goal pace."),
    ("hold", "Hold."),
    ("hold", "Hold."),
    ("kick", "Kick if you have it."),
    ("finish", "Through the line."),
)
# Seed 001, "Do a Thorough Warm-Up": the dynamic drills it names.
DRILLS: Final = ("walking lunges", "bounding", "leg swings", "high knees")
# Seeds 000 and 001 on the race-day warm-up and cool-down: (kind, text, minutes or None).
# Seed 000: "jog for 10-20 minutes, perform some dynamic drills, and follow up with some
# short strides"; seed 001: "an easy run of about 15 to 20 minutes", then the drills and
# "a couple of high-intensity strides".
WARMUP: Final = (
    ("jog", "Easy jog, 10-20 min, to raise the heart rate and loosen up", (10, 20)),
    ("drills", "Dynamic drills: " + ", ".join(DRILLS), None),
    ("strides", "A few strides: short, fast accelerations, walking back between", None),
)
# Seed 001, "Cool Down": "a good cool down easy run to prevent muscle soreness"; the
# 10-20 min is seed 000's cool-down after a hard session.
COOLDOWN: Final = (
    ("jog", "Easy cool-down jog, 10-20 min, against tomorrow's soreness", (10, 20)),
)
# Seed 000, "The Test: Running Your 7 Minute Mile"; the calves are seed 001's "Cool Down".
SAME_PLACE: Final = {
    "track": "Race on the same track as your test mile, so the two times compare.",
    "road": "Race on the same route as your test mile, flat and uninterrupted, so the two "
            "times compare.",
}
ADVICE: Final = (
    "Race rested: pick a day when you are not tired or sore from training.",
    "{same}",
    "Run on goal pace or a couple of seconds faster: {goal} is the plan, {stretch} the "
    "stretch target.",
    "On the line, take a few deep breaths: you have done the work.",
    "A couple of seconds short? Keep chipping away: there is always another day.",
    "Raced in spikes or racing shoes? Expect sore calves tomorrow; keep the day easy.",
)
