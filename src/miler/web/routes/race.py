"""Race day: the lap plan for the plan's goal (or any goal) and a printable pace band."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from miler.domain.units import format_clock
from miler.web.cache import cached_page
from miler.web.context import AthleteName, Web
from miler.web.planning import mile_time
from miler.web.render import mile_clock, page
from miler.web.routes.common import plan_or_404
from miler.web.schemas import RacePage

router = APIRouter(tags=["race day"])

GoalQuery = Annotated[str, Query(max_length=20, description="A goal such as 6:59.5; "
                                 "left out: the goal of the current plan.")]
VenueQuery = Annotated[Literal["track", "road"], Query()]
StrategyQuery = Annotated[Literal["seed", "even"], Query(
    description="seed: seed 001's lap shape; even: every lap on goal pace.")]


def _race_plan(web: Web, athlete: str, goal: str, venue: str, strategy: str) -> Any:
    from miler import Strategy, Venue, plan_race

    seconds = mile_time(goal, "goal")
    if seconds is None:
        seconds = float(plan_or_404(web.store, athlete).plan.plan.goal.mile_s)
    return plan_race(seconds, Venue(venue), Strategy(strategy))


def _query(venue: str, strategy: str, goal: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"venue": venue, "strategy": strategy, **({"goal": goal} if goal else {})})


def _view(web: Web, athlete: str, goal: str, venue: str, strategy: str) -> dict[str, Any]:
    plan = _race_plan(web, athlete, goal, venue, strategy)
    return {"athlete": athlete, "goal": mile_clock(plan.goal_s), "venue": venue,
            "strategy": strategy, "race": plan.to_doc(),
            "band_url": f"/athletes/{athlete}/race/band.svg?{_query(venue, strategy, goal)}",
            "_plan": plan}


@router.get("/athletes/{athlete}/race", response_class=HTMLResponse, include_in_schema=False)
def race_page(request: Request, athlete: AthleteName, web: Web, goal: GoalQuery = "",
              venue: VenueQuery = "track", strategy: StrategyQuery = "seed") -> Response:
    from miler.services.coaching import page_version

    def render() -> Response:
        from miler.adapters.exports.pace_band import band_svg

        view = _view(web, athlete, goal, venue, strategy)
        svg = band_svg(view["_plan"]).split("?>", 1)[-1]  # inline: no XML declaration
        return page(request, "race.html", {**view, "band_svg": svg, "goal_query": goal})

    stamp = page_version(web.store, athlete)
    key = ("race", athlete, goal, venue, strategy, stamp.version if stamp else None)
    return cached_page(request, web.pages, key, render)


@router.get("/api/athletes/{athlete}/race", response_model=RacePage,
            summary="Race day: laps, checkpoints with cues, warm-up and advice")
def race_api(athlete: AthleteName, web: Web, goal: GoalQuery = "",
             venue: VenueQuery = "track", strategy: StrategyQuery = "seed") -> dict[str, Any]:
    view = _view(web, athlete, goal, venue, strategy)
    view.pop("_plan")
    return view


@router.get("/athletes/{athlete}/race/band.svg", tags=["downloads"],
            response_class=Response,
            responses={200: {"content": {"image/svg+xml": {}}}},
            summary="The printable pace band (200 x 25 mm SVG)")
def race_band(athlete: AthleteName, web: Web, goal: GoalQuery = "",
              venue: VenueQuery = "track", strategy: StrategyQuery = "seed") -> Response:
    from miler.services.exports import pace_band

    plan = _race_plan(web, athlete, goal, venue, strategy)
    band = pace_band(plan, f"pace-band-{format_clock(plan.goal_s).replace(':', '')}.svg")
    return Response(band.data, media_type=band.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{band.name}"'})
