"""The light arithmetic of progress (domain/progress_marks.py): the mile results beside the
weekly estimates come out the same whether days are dates (the service's ``Progress``) or
ISO strings (the kept document the CLI renders)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from miler.domain.progress_marks import reps_line, results_by_week

_days = st.dates(date(2020, 1, 1), date(2021, 12, 31))
_results = st.lists(st.tuples(_days, st.sampled_from(["test_mile", "race"]),
                              st.floats(200, 600)), max_size=5)
_weeks = st.lists(st.tuples(_days, st.booleans()), max_size=6).map(sorted)


@given(_weeks, _results)
def test_dates_and_iso_days_give_the_same_rows(weeks: list[tuple[date, bool]],
                                               results: list[tuple[date, str, float]]) -> None:
    as_dates = results_by_week(weeks, results)
    as_text = results_by_week([(d.isoformat(), known) for d, known in weeks],
                              [[d.isoformat(), kind, s] for d, kind, s in results])
    assert [(d.isoformat(), i, [[r[0].isoformat(), r[1], r[2]] for r in ran])
            for d, i, ran in as_dates] == [(d, i, list(ran)) for d, i, ran in as_text]


@given(_weeks, _results)
def test_every_result_is_shown_once_and_every_week_with_an_estimate(
        weeks: list[tuple[date, bool]], results: list[tuple[date, str, float]]) -> None:
    rows = results_by_week(weeks, results)
    assert sorted(r for _, _, ran in rows for r in ran) == sorted(results)
    shown = {i for _, i, _ in rows}
    assert all(i in shown for i, (_, known) in enumerate(weeks) if known)
    assert [day for day, _, _ in rows] == sorted(day for day, _, _ in rows)


def test_a_result_falls_in_the_week_that_ends_on_or_after_it() -> None:
    weeks = [(date(2021, 5, 2), True), (date(2021, 5, 9), False), (date(2021, 5, 16), True)]
    race = (date(2021, 5, 9), "race", 400.0)
    late = (date(2021, 6, 1), "test_mile", 390.0)
    assert results_by_week(weeks, [late, race]) == [
        (date(2021, 5, 2), 0, ()), (date(2021, 5, 9), 1, (race,)),
        (date(2021, 5, 16), 2, ()), (date(2021, 6, 1), None, (late,))]


def test_the_reps_line() -> None:
    assert reps_line(6, 3, 1, 0, 2, -2.24) == (
        "Reps against targets: 1 of 3 run on target, 0 too slow, 2 too fast, 3 not found; "
        "off target by -2.2 s per 400 m on average")
    assert reps_line(2, 2, 2, 0, 0, None) == (
        "Reps against targets: 2 of 2 run on target, 0 too slow, 0 too fast")
