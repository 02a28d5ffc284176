"""Render docs/pace-band.png: python tools/pace_band_png.py [GOAL]

Writes the goal's pace band as a PDF with miler, then rasterises the band and its printing
notes with poppler's ``pdftoppm`` (Debian: ``apt-get install poppler-utils``). Only for the
docs: neither miler nor its tests need poppler.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from miler.adapters.exports.pace_band import write_pace_band
from miler.domain.race import plan_race
from miler.domain.units import Duration

DPI = 300
# The band sits 48.5 mm from the page's left edge and 20 mm from its top; take it, the
# notes and the 50 mm scale bar under it, with a 4 mm margin: (x, y, width, height) in mm.
CROP_MM = (44.5, 16.0, 208.0, 65.0)

goal = Duration.parse(sys.argv[1] if len(sys.argv) > 1 else "7:00")
out = Path(__file__).resolve().parent.parent / "docs" / "pace-band"
with tempfile.TemporaryDirectory() as tmp:
    pdf = write_pace_band(plan_race(goal.seconds), Path(tmp) / "band.pdf")
    x, y, w, h = (round(v * DPI / 25.4) for v in CROP_MM)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", "-x", str(x), "-y",
                    str(y), "-W", str(w), "-H", str(h), str(pdf), str(out)], check=True)
print(f"{out}.png")
