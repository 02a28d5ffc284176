"""``miler fitness`` output: the estimate, its interval, the models and the efforts."""

from __future__ import annotations

from miler.cli.render import console
from miler.domain.fitness import Effort, Estimate
from miler.domain.units import METERS_PER_MILE, format_clock

_MODELS = {"critical_speed": "critical speed", "power_law": "power law",
           "riegel": "Riegel 1.06", "cameron": "Cameron", "daniels": "Daniels-Gilbert"}
_NAMES = {"800m": "800 m", "1500m": "1500 m", "mile": "mile", "3km": "3 km", "5km": "5 km"}
#: Ignored efforts listed; the JSON has them all.
_IGNORED_SHOWN = 8


def _clock(seconds: float) -> str:
    return format_clock(seconds, 1)


def _distance(metres: float) -> str:
    if abs(metres - METERS_PER_MILE) < 1:
        return "mile"
    if abs(metres - 2 * METERS_PER_MILE) < 1:
        return "2 miles"
    return f"{metres:g} m" if metres < 1000 else f"{metres / 1000:g} km"


def fitness_view(found: Estimate) -> None:
    from rich import box
    from rich.table import Table

    out = console()
    lo, hi = found.interval_80
    out.print(f"Mile on {found.today.isoformat()}: {_clock(found.mile_s)} "
              f"(80 % interval {_clock(lo)} to {_clock(hi)})")
    out.print(found.basis)
    parts = []
    if found.critical_speed_mps is not None and found.d_prime_m is not None:
        pace = format_clock(METERS_PER_MILE / found.critical_speed_mps, 0)
        parts.append(f"critical speed {found.critical_speed_mps:.2f} m/s ({pace}/mi), "
                     f"D' {found.d_prime_m:.0f} m")
    else:
        parts.append("critical speed not fitted (the efforts are too close in time)")
    parts.append(f"exponent {found.exponent:.3f}"
                 + ("" if found.exponent_fitted else " (Riegel's: too few distances)"))
    out.print("; ".join(parts))
    out.print("Models: " + ", ".join(f"{_MODELS.get(k, k)} {_clock(v)}"
                                      for k, v in sorted(found.models.items())))
    out.print("Equivalent: " + ", ".join(f"{_NAMES[k]} {_clock(found.equivalent_s(d))}"
                                         for k, d in _equivalents().items()))
    grid = Table(box=box.SIMPLE_HEAD, title="Efforts", title_justify="left")
    for column, justify in (("date", "left"), ("distance", "right"), ("time", "right"),
                            ("pace", "right"), ("", "left"), ("why", "left")):
        grid.add_column(column, justify=justify)  # type: ignore[arg-type]
    used = [e for e in found.efforts if e.used]
    ignored = [e for e in found.efforts if not e.used]
    for effort in used + ignored[:_IGNORED_SHOWN]:
        grid.add_row(*_row(effort))
    out.print(grid)
    if len(ignored) > _IGNORED_SHOWN:
        out.print(f"{len(ignored) - _IGNORED_SHOWN} more efforts ignored (--json lists all).")


def _equivalents() -> dict[str, float]:
    from miler.domain.fitness import EQUIVALENT_DISTANCES

    return EQUIVALENT_DISTANCES


def _row(e: Effort) -> tuple[str, ...]:
    pace = format_clock(e.elapsed_s / e.distance_m * METERS_PER_MILE, 0) + "/mi"
    why = f"{e.kind}" if e.used else e.reason
    return (e.day.isoformat(), _distance(e.distance_m), _clock(e.elapsed_s), pace,
            "used" if e.used else "ignored", why)
