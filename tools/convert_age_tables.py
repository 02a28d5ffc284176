#!/usr/bin/env python3
"""Convert the published age-grading tables into the compact file miler ships.

Inputs (from ../shared/corpus/tables/age-grading/, see its SOURCES.md):
  road:  alan-jones/2025/runscore-AgeGrade/AgeGrade.1mi  (Alan Jones 2025 road standards, CC0;
         the mile standards as updated 2025-07-27: open class 3:47 men, 4:13 women)
  track: athlib/wma-data-2023.json, event "MILE"          (WMA 2023 track factors, Apache-2.0)
Output: src/miler/data/age_grading.json (one file, both venues, both sexes, every age).

usage: tools/convert_age_tables.py [TABLES_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TABLES = ROOT.parent / "shared" / "corpus" / "tables" / "age-grading"
OUT = ROOT / "src" / "miler" / "data" / "age_grading.json"
SEX = {"M": "male", "F": "female", "m": "male", "f": "female"}


def _clock(text: str) -> float:
    seconds = 0.0
    for part in text.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def road_mile(path: Path) -> dict[str, dict[str, object]]:
    """RunScore format: 'M  0:03:47' open standards, then 'M <age> <factor>' lines."""
    table: dict[str, dict[str, object]] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 2:
            table[SEX[parts[0]]] = {"open_s": _clock(parts[1]), "ages": {}}
        elif len(parts) == 3:
            ages = table[SEX[parts[0]]]["ages"]
            assert isinstance(ages, dict)
            ages[int(parts[1])] = float(parts[2])
    return {sex: _columns(entry) for sex, entry in table.items()}


def _columns(entry: dict[str, object]) -> dict[str, object]:
    ages = entry["ages"]
    assert isinstance(ages, dict)
    first = min(ages)
    if sorted(ages) != list(range(first, first + len(ages))):
        raise SystemExit("ages must be consecutive")
    return {"open_s": entry["open_s"], "first_age": first,
            "factors": [ages[a] for a in sorted(ages)]}


def track_mile(path: Path) -> dict[str, dict[str, object]]:
    """athlib rows: [event, distance_km, open standard s, factor for each age in 'ages']."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for key in "mf":
        row = next(r for r in data[key] if r[0] == "MILE")
        factors = dict(zip(data["ages"], row[3:], strict=True))
        out[SEX[key]] = _columns({"open_s": row[2], "ages": factors})
    return out


def main(argv: list[str]) -> int:
    tables = Path(argv[0]) if argv else DEFAULT_TABLES
    doc = {
        "road": {
            "source": "Alan Jones 2025 road age-grading standards (CC0-1.0), AgeGrade.1mi "
                      "updated 2025-07-27",
            **road_mile(tables / "alan-jones/2025/runscore-AgeGrade/AgeGrade.1mi"),
        },
        "track": {
            "source": "World Masters Athletics 2023 track factors via openath/athlib "
                      "wma-data-2023.json (Apache-2.0)",
            **track_mile(tables / "athlib/wma-data-2023.json"),
        },
    }
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
