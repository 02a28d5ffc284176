"""Render docs/plan-calendar.png and docs/plan-week.png: python tools/plan_pages_png.py

Prints the sample runner's plan (a 7:45 test mile, 20 miles a week, a 7:00 goal, from
2026-11-30) as miler's PDF, then rasterises its calendar page and its first week's page
with poppler's ``pdftoppm`` (Debian: ``apt-get install poppler-utils``). Only for the docs:
neither miler nor its tests need poppler.
"""

import subprocess
import tempfile
from pathlib import Path

from miler.cli.files import write_export
from miler.cli.params import athlete
from miler.domain.plan_view import PlanView
from miler.services.coaching import make_plan
from miler.services.exports import document

DPI = 110
docs = Path(__file__).resolve().parent.parent / "docs"
runner = athlete(name=None, weekly_miles="20", test_mile="7:45", days=None, long_run_day=None,
                 age=None, sex=None)
plan = PlanView.from_doc(make_plan(runner, {"start": "2026-11-30", "goal_mile_s": 420.0}))
with tempfile.TemporaryDirectory() as tmp:
    pdf = write_export(Path(tmp) / "plan.pdf", document(plan, "plan.pdf"))
    for page, name in ((1, "plan-calendar"), (2, "plan-week")):
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", "-f", str(page),
                        "-l", str(page), str(pdf), str(docs / name)], check=True)
        print(docs / f"{name}.png")
