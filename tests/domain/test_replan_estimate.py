"""Re-planning with the fitness estimate (issue 20, part 3): only a recent estimate, only
when surely faster than the plan's basis, and a recorded result always wins."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from miler.domain.adapting import EstimatedMile, NewMile, replan_trigger
from miler.domain.baseline import RECENT_WEEKS

TODAY = date(2026, 12, 1)
SINCE = date(2026, 11, 2)  # the plan's basis was set then


def estimate(mile_s: float, spread: float = 0.04, newest: date = date(2026, 11, 28),
             today: date = TODAY) -> EstimatedMile:
    return EstimatedMile(mile_s, mile_s * (1 - spread), mile_s * (1 + spread), newest, today)


def test_an_estimate_surely_faster_than_the_basis_re_paces() -> None:
    found = replan_trigger(465.0, [], today=TODAY, since=SINCE, estimate=estimate(430.0))
    assert found is not None
    assert found.mile_s == 430.0
    assert found.reason == ("fitness estimate: 7:10.0 (80 %: 6:53 to 7:27) from the hard "
                            "running of the 12 weeks to 2026-12-01 re-sets the paces")


def test_an_estimate_whose_interval_holds_the_basis_is_no_news() -> None:
    # 7:35 is 10 s faster than the 7:45 basis, but its interval (7:17-7:53) holds 7:45
    assert replan_trigger(465.0, [], today=TODAY, since=SINCE, estimate=estimate(455.0)) is None
    # ... and a mile run inside a run still re-paces as before
    faster = replan_trigger(465.0, [NewMile(450.0, date(2026, 11, 28), False)], today=TODAY,
                            since=SINCE, estimate=estimate(455.0))
    assert faster is not None
    assert faster.reason.startswith("a faster mile inside a run: 7:30.0")


def test_a_recorded_time_trial_wins_over_an_estimate() -> None:
    trial = NewMile(450.0, date(2026, 11, 29), True)
    found = replan_trigger(465.0, [trial], today=TODAY, since=SINCE, estimate=estimate(400.0))
    assert found is not None
    assert (found.mile_s, found.reason.split(":")[0]) == (450.0, "time trial")
    # a result recorded before, in the estimate's 12 weeks, wins too: no re-pace from it
    assert replan_trigger(465.0, [], today=TODAY, since=SINCE, estimate=estimate(400.0),
                          recorded=[date(2026, 10, 1)]) is None
    # one older than the 12 weeks says nothing about now
    assert replan_trigger(465.0, [], today=TODAY, since=SINCE, estimate=estimate(400.0),
                          recorded=[date(2026, 8, 1)]) is not None


def test_an_old_estimate_never_re_paces_the_plan() -> None:
    # its newest effort from before the plan's basis was set, or from long ago
    assert replan_trigger(465.0, [], today=TODAY, since=SINCE,
                          estimate=estimate(400.0, newest=date(2026, 10, 30))) is None
    old = estimate(400.0, newest=date(2009, 5, 28), today=date(2009, 5, 30))
    assert replan_trigger(465.0, [], today=TODAY, estimate=old) is None


@given(basis=st.floats(300, 900), mile=st.floats(240, 900), spread=st.floats(0.005, 0.2),
       newest=st.integers(0, 200), since=st.integers(0, 200),
       recorded=st.lists(st.integers(0, 400), max_size=3),
       results=st.lists(st.tuples(st.floats(240, 900), st.integers(0, 400)), max_size=3))
def test_an_estimate_re_paces_only_when_recent_sure_and_unopposed(
        basis: float, mile: float, spread: float, newest: int, since: int,
        recorded: list[int], results: list[tuple[float, int]]) -> None:
    found = estimate(mile, spread, TODAY - timedelta(days=newest))
    new = [NewMile(t, TODAY - timedelta(days=d), True) for t, d in results]
    replan = replan_trigger(basis, new, today=TODAY, since=TODAY - timedelta(days=since),
                            estimate=found,
                            recorded=[TODAY - timedelta(days=d) for d in recorded])
    if replan is None or not replan.reason.startswith("fitness estimate"):
        return
    window = RECENT_WEEKS * 7
    assert replan.mile_s == mile
    assert found.high_s < basis  # surely faster
    assert newest < window  # recent
    assert newest <= since  # run since the plan's basis was set
    assert all(d >= window for d in recorded)  # no result of its weeks recorded
    assert all(d > min(since, window) for _, d in results)  # no new recent result
