"""A coach's squad in a database, for bench_squad.py: ATHLETES athletes with RUNS runs each.

Every athlete has a login, a saved 8-week plan that started four weeks before TODAY (its
past running days marked done against the run of that day), a test mile, and RUNS stored
runs, about five a week back from TODAY. The runs' documents are real ``miler.activity/1``
documents: a dozen synthetic runs (easy, long, 400 m repeats, a test mile, at 1 Hz) go
through the same analysis as an import, and each stored run takes one of them with its own
day. Plans are saved through the repository; runs are inserted in batches (a stored
import's own path is bench_import.py's business).
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np

from miler.adapters.storage.repository import Store
from miler.domain.activity import Activity
from miler.domain.athlete import Athlete
from miler.domain.planner import generate_plan
from miler.services.analysis import activity_doc, analyze

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
PLAN_START = TODAY - timedelta(weeks=4)
COACH = "coach"
PASSWORD = "squad-bench-password"  # a throwaway database's coach
BATCH = 2000


def _run(stretches: list[tuple[float, float]], day: date) -> dict[str, Any]:
    """The activity document of a run made of (seconds, m/s) stretches, sampled at 1 Hz."""
    times, dists = [0.0], [0.0]
    for seconds, speed in stretches:
        for _ in range(round(seconds)):
            times.append(times[-1] + 1.0)
            dists.append(dists[-1] + speed)
    start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
    activity = Activity.from_columns("squad.fit", "running",
                                     {"time_s": np.array(times), "distance_m": np.array(dists)},
                                     start_time=start)
    return activity_doc(analyze(activity))


def templates() -> list[tuple[str | None, dict[str, Any]]]:
    """(kind, document) of a dozen runs: easy at three paces, long, repeats, a test mile."""
    day = TODAY
    out: list[tuple[str | None, dict[str, Any]]] = []
    for minutes, speed in ((30, 3.0), (40, 3.2), (45, 3.4), (35, 3.1), (50, 3.3)):
        out.append(("easy", _run([(minutes * 60, speed)], day)))
    for minutes in (70, 85):
        out.append(("long", _run([(minutes * 60, 3.1)], day)))
    for reps in (6, 8, 10):
        work = [(600, 3.0)] + [(70, 5.6), (90, 2.0)] * reps + [(600, 3.0)]
        out.append(("speed", _run(work, day)))
    out.append(("time_trial", _run([(600, 3.0), (430, 3.74), (600, 3.0)], day)))
    return out


def _run_days(plan_days: list[date], runs: int) -> list[date]:
    """``runs`` days back from yesterday: the plan's past running days, then five a week."""
    days = [d for d in plan_days if d < TODAY]
    day = PLAN_START - timedelta(days=1)
    while len(days) < runs:
        if day.weekday() not in (0, 4):  # Mondays and Fridays off
            days.append(day)
        day -= timedelta(days=1)
    return sorted(days)[-runs:]


def _plans() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """A few runners' plans (profile, document): 7:00 to 9:30 test miles, 15-35 miles."""
    out = []
    for test_mile, miles in ((465.0, 20.0), (420.0, 30.0), (510.0, 15.0), (570.0, 25.0),
                             (400.0, 35.0)):
        plan = generate_plan(Athlete(miles, test_mile), PLAN_START)
        profile = {"weekly_miles": miles, "test_mile_s": test_mile, "days": 5,
                   "tz": "UTC", "age": 38, "sex": "female"}
        out.append((profile, plan.to_doc()))
    return out


def build(url: str, athletes: int, runs: int, seed: int = 22) -> dict[str, Any]:
    """Fill the empty database at ``url``; returns the coach's login and the names."""
    from miler.adapters.passwords import hash_password

    rng = random.Random(seed)
    store = Store.open(url)
    kinds = templates()
    plans = _plans()
    coach_hash = hash_password(PASSWORD)
    athlete_hash = coach_hash  # nobody logs in as an athlete here
    names = [f"runner-{i:03d}" for i in range(athletes)]
    with store.transaction() as repo:
        coach = repo.accounts.add(COACH, coach_hash, _role("coach"), NOW)
    for i, name in enumerate(names):
        profile, doc = plans[i % len(plans)]
        with store.transaction() as repo:
            repo.add_athlete(name, profile, NOW)
            repo.accounts.add(name, athlete_hash, _role("athlete"), NOW, athlete=name)
            repo.accounts.link(coach.id, name)
            repo.save_plan(name, {"start": PLAN_START.isoformat()}, doc, "first plan", NOW)
            repo.add_result(name, PLAN_START, "test_mile", 1609.344, profile["test_mile_s"])
    _insert_runs(store, names, plans, kinds, runs, rng)
    store.close()
    return {"coach": COACH, "password": PASSWORD, "names": names}


def _role(name: str) -> Any:
    from miler.services.ports import Role

    return Role(name)


def _insert_runs(store: Store, names: list[str], plans: list[tuple[dict[str, Any],
                 dict[str, Any]]], kinds: list[tuple[str | None, dict[str, Any]]], runs: int,
                 rng: random.Random) -> None:
    """The runs in batches (SQLAlchemy Core), then the plan's past sessions marked done."""
    from sqlalchemy import bindparam, insert, select, update

    from miler.adapters.storage.tables import ActivityRow, AthleteRow, PlanRow, SessionRow

    with store.engine.begin() as db:
        ids = dict(db.execute(select(AthleteRow.name, AthleteRow.id)).all())
        rows: list[dict[str, Any]] = []
        for i, name in enumerate(names):
            _, doc = plans[i % len(plans)]
            running = [date.fromisoformat(s["date"]) for w in doc["weeks"]
                       for s in w["sessions"] if s["kind"] not in _NOT_RUNS]
            for day in _run_days(running, runs):
                kind, template = kinds[rng.randrange(len(kinds))]
                rows.append(_row(ids[name], day, kind, template, rng))
                if len(rows) >= BATCH:
                    db.execute(insert(ActivityRow), rows)
                    rows = []
        if rows:
            db.execute(insert(ActivityRow), rows)
        # the plan's past running sessions: done, with the run of their day
        found = db.execute(
            select(SessionRow.id, ActivityRow.id)
            .join(PlanRow, PlanRow.id == SessionRow.plan_id)
            .join(ActivityRow, (ActivityRow.athlete_id == PlanRow.athlete_id)
                  & (ActivityRow.day == SessionRow.day))
            .where(SessionRow.day < TODAY, SessionRow.kind.not_in(_NOT_RUNS))).all()
        if found:
            db.execute(update(SessionRow.__table__)
                       .where(SessionRow.__table__.c.id == bindparam("sid"))
                       .values(status="done", activity_id=bindparam("aid")),
                       [{"sid": s, "aid": a} for s, a in found])


_NOT_RUNS = ("strength", "mobility", "drills", "rest", "cross")


def _row(athlete_id: int, day: date, kind: str | None, template: dict[str, Any],
         rng: random.Random) -> dict[str, Any]:
    doc = json.loads(json.dumps(template))
    doc["start_time"] = f"{day.isoformat()}T07:00:00Z"
    best = doc["best_efforts"].get("mile")
    return {"athlete_id": athlete_id, "file_sha256": f"{rng.getrandbits(256):064x}",
            "path": f"squad/{day.isoformat()}.fit", "day": day, "sport": "running",
            "kind": kind, "distance_m": doc["distance_m"], "elapsed_s": doc["elapsed_s"],
            "moving_s": doc["moving_s"], "best_mile_s": best["elapsed_s"] if best else None,
            "doc": doc, "imported_at": NOW}
