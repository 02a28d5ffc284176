#!/usr/bin/env python3
"""Write docs/sample-plan.md: the canonical runner's whole plan (7:45 mile, 20 miles a week,
goal 7:00, from 2026-11-30) as `miler plan --markdown` prints it. A test keeps it current."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from miler.cli import main

SAMPLE = ["plan", "--weekly-miles", "20", "--test-mile", "7:45", "--goal", "7:00",
          "--start", "2026-11-30", "--markdown"]
OUT = Path(__file__).resolve().parent.parent / "docs" / "sample-plan.md"


def sample_markdown() -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(SAMPLE)
    return buffer.getvalue()


if __name__ == "__main__":
    OUT.write_text(sample_markdown(), encoding="utf-8")
    print(f"wrote {OUT}")
