"""``miler predict`` output."""

from __future__ import annotations

from typing import Any

from miler.cli.render import console
from miler.domain.prediction import Prediction
from miler.domain.units import format_clock

_TITLES = {"daniels_gilbert": "Daniels–Gilbert", "riegel": "Riegel 1.06", "cameron": "Cameron",
           "personal_riegel": "yours"}


def prediction_doc(prediction: Prediction) -> dict[str, Any]:
    return {
        "schema": "miler.predict/1",
        "results": [{"distance_m": r.distance_m, "time_s": r.time_s}
                    for r in prediction.results],
        "personal_k": prediction.personal_k,
        "rows": [
            {"label": row.label, "distance_m": row.distance_m,
             "times_s": {m: row.cells[m].time_s for m in prediction.models},
             "notes": {m: row.cells[m].note for m in prediction.models if row.cells[m].note},
             "spread_s": row.spread_s}
            for row in prediction.rows
        ],
    }


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return format_clock(seconds, 1 if seconds < 600 else 0)


def prediction_view(prediction: Prediction) -> None:
    from rich import box
    from rich.table import Table

    grid = Table(box=box.SIMPLE_HEAD)
    grid.add_column("distance")
    for model in prediction.models:
        title = _TITLES[model]
        if model == "personal_riegel":
            title = f"yours (k {prediction.personal_k:.3f})"
        grid.add_column(title, justify="right")
    grid.add_column("spread", justify="right")
    for row in prediction.rows:
        spread = "" if row.spread_s is None else f"{row.spread_s:.0f} s"
        grid.add_row(row.label, *(_clock(row.cells[m].time_s) for m in prediction.models),
                     spread)
    out = console()
    out.print(grid)
    out.print("— : outside the model's range (Daniels–Gilbert 1500 m–marathon, Riegel efforts of "
              "3.5–230 min, Cameron 800 m–marathon); see docs/formulas.md.")
