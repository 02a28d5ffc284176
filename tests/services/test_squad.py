"""A coach's squad at a glance (``services.accounts.squad``): each athlete's week is the one
they are in, in their own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.athlete import Athlete
from miler.domain.planner import generate_plan
from miler.services.accounts import SquadRow, squad
from miler.services.ports import Role
from miler.timezones import today_in
from tests.services.fakes import FakeStorage

START = date(2026, 11, 16)  # a Monday
ZONES = ("Pacific/Kiritimati", "UTC", "Pacific/Pago_Pago", "Etc/GMT+12", None)


def coached_squad() -> tuple[FakeStorage, int]:
    """One athlete a zone, on the same six-week plan, its first two weeks' sessions done."""
    store = FakeStorage()
    doc = generate_plan(Athlete(20.0, 465.0), START, weeks=6).to_doc()
    with store.transaction() as repo:
        coach = repo.accounts.add("coach", "hash", Role.COACH, datetime(2026, 11, 1, tzinfo=UTC))
        for i, zone in enumerate(ZONES):
            name = f"a{i}"
            repo.add_athlete(name, {"tz": zone} if zone else {}, datetime(2026, 11, 1, tzinfo=UTC))
            repo.accounts.link(coach.id, name)
            repo.save_plan(name, {}, doc, "first plan", datetime(2026, 11, 1, tzinfo=UTC))
            for session in repo.sessions(name, START, START + timedelta(days=13)):
                repo.mark_session(name, session.session_id, "done")
    return store, coach.id


def expected(store: FakeStorage, zone: str | None, name: str, now: datetime) -> tuple[int, int]:
    """(done, sessions) of the calendar week the athlete's own clock shows at ``now``."""
    today = today_in(now, zone)
    monday = today - timedelta(days=today.weekday())
    with store.transaction() as repo:
        week = repo.sessions(name, monday, monday + timedelta(days=6))
    return sum(s.status == "done" for s in week), len(week)


def test_on_a_sunday_in_utc_the_far_east_is_in_next_week() -> None:
    store, coach = coached_squad()
    rows = squad(store, coach_id=coach, athlete=None, now=datetime(2026, 11, 29, 12, tzinfo=UTC))
    by_name = {r.name: r for r in rows}
    kiritimati, utc = by_name["a0"], by_name["a1"]  # Monday 02:00 there, Sunday noon here
    assert (kiritimati.done_this_week, utc.done_this_week) == (0, utc.sessions_this_week)
    assert utc.sessions_this_week > 0
    assert kiritimati.sessions_this_week > 0


@given(st.datetimes(min_value=datetime(2026, 11, 14), max_value=datetime(2027, 1, 5),
                    timezones=st.just(UTC)))
def test_every_athlete_is_counted_over_the_week_of_their_own_today(now: datetime) -> None:
    store, coach = coached_squad()
    rows = squad(store, coach_id=coach, athlete=None, now=now)
    assert [r.name for r in rows] == [f"a{i}" for i in range(len(ZONES))]
    for row, zone in zip(rows, ZONES, strict=True):
        assert (row.done_this_week, row.sessions_this_week) == expected(store, zone, row.name,
                                                                         now)


@pytest.mark.parametrize("viewer", ["a1", None])
def test_an_athlete_sees_only_themselves(viewer: str | None) -> None:
    store, _ = coached_squad()
    rows = squad(store, coach_id=None, athlete=viewer, now=datetime(2026, 11, 18, tzinfo=UTC))
    assert [r.name for r in rows] == ([viewer] if viewer else [])
    assert all(isinstance(r, SquadRow) and r.goal_mile_s for r in rows)
