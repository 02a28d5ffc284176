#!/usr/bin/env python3
"""Write docs/sample-plans/: five golden plans, each read as a coach with a note on what to look
at, then the plan as `miler plan --markdown` prints it. A test keeps them current."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from miler.cli import main

OUT = Path(__file__).resolve().parent.parent / "docs" / "sample-plans"
START = ["--start", "2026-11-30", "--markdown"]
#: name -> (arguments, the coach's note: what to look at)
PLANS: dict[str, tuple[list[str], str]] = {
    "50-miles-5-05": (["--weekly-miles", "50", "--test-mile", "5:05"], (
        "A 5:05 miler on 50 miles a week. Look at: the long run held to 13 miles (about 100 "
        "minutes, a quarter of the week, shorter in the sharpen weeks); a second short run on "
        "easy days once the week passes 55 miles; 10 x 400 m and 6 x 800 m, about 5 % of the "
        "week each; reps from today's 5:05 (400s at 800 m race pace) moving toward the 4:57 "
        "goal.")),
    "4-days-8-10": (["--weekly-miles", "20", "--test-mile", "8:10", "--days", "tue,thu,sat,sun"], (
        "Four training days with an 8:10 mile. Look at: two quality sessions (Tuesday and "
        "Thursday), one easy run and the long run each week; the long run a bigger share of "
        "the week than on five days, since no other run may be longer than it.")),
    "62-woman-8-30": (["--weekly-miles", "20", "--test-mile", "8:30", "--age", "62", "--sex",
                       "female"], (
        "A 62-year-old woman with an 8:30 mile. Look at: the verdict in age-graded terms and a "
        "goal of 8:00 (a 30-year-old with the same test is told 7:30); hard days Tuesday and "
        "Friday, three days apart; lighter lifts, and skips and pogo hops instead of box jumps, "
        "bounding and burpees.")),
    "wednesday-race": (["--weekly-miles", "25", "--test-mile", "6:40", "--race-date",
                        "2027-01-20"], (
        "A race on a Wednesday. Look at: the header's true length (7 weeks and 3 days); race "
        "week is the six days before the race across the week blocks: the sharpener five days "
        "out, no long run in the last four days, a shake-out the day before.")),
    "100-miles-4-50": (["--weekly-miles", "100", "--test-mile", "4:50"], (
        "A 4:50 miler on 100 miles a week. Look at: no run over 90 minutes and a long run of "
        "about 100 minutes, so the volume comes from second runs on most days; race week's "
        "easy runs at most 45 minutes; sessions sized to the week (16 x 400 m, 8 x 800 m, "
        "4 x 10 min threshold) where a 20-mile runner does 6, 3 and 2.")),
}


def markdown(name: str) -> str:
    args, note = PLANS[name]
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["plan", *args, *START])
    command = "miler plan " + " ".join([*args, *START])
    return f"> Coach's note: {note}\n>\n> `{command}`\n\n{buffer.getvalue()}"


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for key in PLANS:
        (OUT / f"{key}.md").write_text(markdown(key), encoding="utf-8")
        print(f"wrote {OUT / key}.md")
