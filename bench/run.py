"""Run every benchmark under bench/ and print its figures: python bench/run.py"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    wanted = set(sys.argv[1:])
    for script in sorted(HERE.glob("bench_*.py")):
        if wanted and script.stem not in wanted:
            continue
        print(f"== {script.stem}", flush=True)
        runpy.run_path(str(script), run_name="__main__")
