"""``miler progress`` output, text and ``--json``, from a progress as it is kept.

Both take ``services.progress.Progress.to_doc()``'s document (the kept row's), whether the
service worked the progress out or ``cli/kept.py`` read the kept row in a fast process: one
rendering for both, so their output is the same to the byte. Light on purpose: the plain-text
table and ``domain.figures``/``domain.progress_marks`` only (no Rich, no dataclasses, not
even ``datetime``), as a fast start needs (issue 22).
"""

from __future__ import annotations

from miler.cli.render.table import LEFT, RIGHT, table
from miler.domain.figures import METERS_PER_MILE, format_clock
from miler.domain.progress_marks import pacing_error, reps_line, results_by_week, verdict_of

__all__ = ["progress_json", "progress_output", "progress_text"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from collections.abc import Sequence
    from typing import Any

#: Width of the text band (characters) drawn for each week's 80 % interval.
_BAND = 18
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_RESULTS = {"test_mile": "test mile", "time_trial": "time trial", "race": "race"}
_WEEKS = (("week", RIGHT), ("from", RIGHT), ("planned mi", RIGHT), ("done mi", RIGHT),
          ("runs done", RIGHT))
_FITNESS = (("week to", RIGHT), ("estimate", RIGHT), ("80 %", RIGHT), ("", LEFT),
            ("ran", LEFT))


def progress_output(doc: dict[str, Any], as_json: bool) -> str:
    """All ``miler progress`` prints: the text, or with ``--json`` its document."""
    if as_json:
        from miler.cli.render import indented

        return indented(progress_json(doc)) + "\n"
    return progress_text(doc)


def progress_text(doc: dict[str, Any]) -> str:
    """Planned against done week by week, the speed sessions' reps, the best miles and
    the mile estimate week by week: the lines ``miler progress`` prints."""
    lines = table(f"{doc['athlete']}: planned and done", _WEEKS, (
        (str(index), _day(start),
         f"{planned_m / METERS_PER_MILE:.1f}", f"{done_m / METERS_PER_MILE:.1f}",
         f"{done}/{planned}")
        for index, start, planned_m, done_m, planned, done in doc["weeks"]))
    lines.append("")
    for day, title, reps in doc["speed_sessions"]:
        verdicts = ", ".join(f"{rep[0]}: {_verdict(rep)}" for rep in reps)
        lines.append(f"{day} {title}: {verdicts}")
    if doc["reps"] is not None:
        lines.append(reps_line(*doc["reps"]))
    grades = _grades(doc)
    for month, mile, day in doc["best_miles"]:
        grade = f" ({grades[day]:.1f} % age-graded)" if day in grades else ""
        lines.append(f"Best mile {month}: {format_clock(mile, 1)}{grade}")
    lines += _fitness(doc)
    return "\n".join(lines) + "\n"


def _fitness(doc: dict[str, Any]) -> list[str]:
    """The estimate week by week: the 80 % interval as a band (faster to the right, the
    estimate a dot), beside the test miles and time trials run that week."""
    weeks = doc["fitness"]
    rows = results_by_week([(week[0], week[1] is not None) for week in weeks], doc["results"])
    known = [weeks[i] for _, i, _ in rows if i is not None and weeks[i][1] is not None]
    if not known:
        return ["Fitness estimate: not enough hard running in any 12 weeks yet "
                "(`miler fitness` says why)."]
    ran = [r[2] for _, _, results in rows for r in results]
    slow = max([week[3] for week in known] + ran)
    fast = min([week[2] for week in known] + ran)
    cells = []
    for day, i, results in rows:
        week = weeks[i] if i is not None and weeks[i][1] is not None else None
        cells.append((
            f"{_day(day)} {day[:4]}",
            format_clock(week[1], 0) if week else "-",
            f"{format_clock(week[2], 0)}-{format_clock(week[3], 0)}" if week else "not enough",
            _band(week, [r[2] for r in results], slow, fast),
            ", ".join(f"{_RESULTS.get(r[1], r[1])} {format_clock(r[2], 1)}" for r in results)))
    return ["", *table("Mile estimate, week by week (80 % interval; faster to the right)",
                       _FITNESS, cells)]


def _band(week: Sequence[Any] | None, ran: list[float], slow: float, fast: float) -> str:
    """``[---o---]`` where the week's interval lies between ``slow`` and ``fast``; ``*``
    marks a mile run that week."""
    cells = [" "] * _BAND

    def at(seconds: float) -> int:
        share = (slow - seconds) / (slow - fast) if slow > fast else 0.5
        return min(_BAND - 1, max(0, round(share * (_BAND - 1))))

    if week is not None:
        _, mile_s, low_s, high_s = week
        lo, hi = at(high_s), at(low_s)
        cells[lo:hi + 1] = "-" * (hi - lo + 1)
        cells[lo], cells[hi] = "[", "]"
        cells[at(mile_s)] = "o"
    for seconds in ran:
        cells[at(seconds)] = "*"
    return "".join(cells).rstrip()


def _day(iso: str) -> str:
    """``DD Mon`` of an ISO day, as ``strftime("%d %b")`` gives it (the C locale's month
    names: Python leaves ``LC_TIME`` alone); without ``datetime``, which a fast start
    spares. Anything but ``YYYY-MM-DD`` is refused (ValueError)."""
    year, month, day = iso.split("-")
    if not (len(year) == 4 and len(month) == len(day) == 2 and f"{year}{month}{day}".isdigit()
            and 1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        raise ValueError(f"not an ISO day: {iso!r}")
    return f"{day} {_MONTHS[int(month) - 1]}"


def _verdict(rep: Sequence[Any]) -> str:
    """A rep ``[number, distance_m, fast, slow, pace]`` against its target."""
    return verdict_of(pacing_error(rep[4], rep[2], rep[3]))


def _grades(doc: dict[str, Any]) -> dict[str, float]:
    """Each age-graded best mile's percent, by its day."""
    return {day: percent for day, _, percent in doc["age_grades"]}


def progress_json(doc: dict[str, Any]) -> dict[str, Any]:
    """``miler progress --json``: planned against done, reps against targets, best miles."""
    grades = _grades(doc)
    return {
        "schema": "miler.progress/1", "athlete": doc["athlete"], "age": doc["age"],
        "sex": doc["sex"],
        "weeks": [{"week": index, "start": start, "planned_m": planned_m, "done_m": done_m,
                   "planned_sessions": planned, "done_sessions": done}
                  for index, start, planned_m, done_m, planned, done in doc["weeks"]],
        "speed_sessions": [
            {"date": str(day), "title": title,
             "reps": [{"number": number, "distance_m": distance_m,
                       "target_fast_s_per_mile": fast, "target_slow_s_per_mile": slow,
                       "pace_s_per_mile": pace,
                       "verdict": verdict_of(pacing_error(pace, fast, slow))}
                      for number, distance_m, fast, slow, pace in reps]}
            for day, title, reps in doc["speed_sessions"]],
        "best_miles": [{"month": month, "time_s": mile, "date": day,
                        "age_graded_percent": grades.get(day)}
                       for month, mile, day in doc["best_miles"]],
        "fitness": [{"date": day, "mile_s": mile_s, "low_s": low_s, "high_s": high_s}
                    for day, mile_s, low_s, high_s in doc["fitness"]],
        "mile_results": [{"date": day, "kind": kind, "time_s": seconds}
                         for day, kind, seconds in doc["results"]],
    }
