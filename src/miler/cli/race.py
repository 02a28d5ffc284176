"""``miler race``: the race-day plan for a goal mile, lap by lap, and a pace band."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from miler.cli import params
from miler.errors import InvalidInputError

if TYPE_CHECKING:
    from miler.domain.race import RacePlan


def race(
    goal: Annotated[str, typer.Option(
        "--goal", metavar="M:SS", help="Goal mile time, e.g. 7:00 or 6:59.5 (3:00 to 30:00).",
        show_default=False)],
    venue: Annotated[str, typer.Option(
        "--venue", metavar="{track|road}",
        help="track: 4 laps + 9.344 m, checkpoints every 200 m; road: quarter-mile splits.")
    ] = "track",
    even: Annotated[bool, typer.Option(
        "--even", help="Even pacing instead of the seeds' lap shape.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
    band: Annotated[Path | None, typer.Option(
        "--band", metavar="FILE",
        help="Also write a printable 200 x 25 mm pace band: FILE.svg, .html or .pdf.",
        show_default=False)] = None,
) -> None:
    """Plan race day for a goal mile: lap splits, checkpoints with cues, warm-up, advice."""
    plan = _plan(goal, venue, even)
    from miler.cli.render import json_out
    from miler.cli.render.race import band_note, race_view

    written = _write_band(plan, band) if band is not None else None
    if as_json:
        json_out(plan.to_doc())
    else:
        race_view(plan)
    if written is not None:
        band_note(written, stderr=as_json)


def _plan(goal: str, venue: str, even: bool) -> RacePlan:
    from miler.domain.race import Strategy, plan_race  # only when racing: start-up
    from miler.domain.units import Venue

    time = params.mile_time(goal, "--goal")
    where = Venue.parse(venue, "--venue")
    try:
        return plan_race(time.seconds, where, Strategy.EVEN if even else Strategy.SEED)
    except InvalidInputError as exc:
        raise InvalidInputError("--goal", exc.rule, goal) from None


def _write_band(plan: RacePlan, path: Path) -> Path:
    from miler.cli.files import write_export
    from miler.services.exports import pace_band

    try:
        return write_export(path, pace_band(plan, str(path)))
    except InvalidInputError as exc:
        raise InvalidInputError("--band", exc.rule, exc.value) from None
