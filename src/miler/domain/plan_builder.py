"""The plan being built: its calendar, paces and fitness by week, and its sessions made once.

domain/planner.py resolves the calendar and the runner's assessment and hands a ``PlanBuilder``
to domain/plan_weeks.py, which lays out the weeks day by day and asks it for each session.
The builder remembers what it made: a session (or an easy run) with the same catalogue key and
context as one made before is the same steps on another day.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from miler.domain.athlete import Athlete, Weekday
from miler.domain.library import CATALOGUE, SESSION_MINUTES
from miler.domain.prescription import projected_mile_s, week_fraction
from miler.domain.schedule import Calendar, WeekPattern
from miler.domain.sessions import (
    ROUND_ONLY,
    Built,
    PlanMemo,
    SessionContext,
    build,
    easy_run,
    fixed,
)
from miler.domain.units import METERS_PER_MILE
from miler.domain.week_fill import Slot, long_limits
from miler.domain.workouts import Phase, Session
from miler.domain.zones import TrainingPaces, WeekPaces

__all__ = ["Item", "PlanBuilder", "weekday"]

Item = Session | Slot  # a day's entry: a session, or a run sized once the week is known
# What a plan needs to know of a day, worked out once: its ISO date (ids), whether the time
# trial's paces are in force, whether it is run by feel, the week's fitness and today's paces.
_Day = tuple[str, bool, bool, float, TrainingPaces, float]


@dataclass(slots=True)
class PlanBuilder:
    """The plan being built, week by week (internal, mutable)."""

    athlete: Athlete
    cal: Calendar
    pattern: WeekPattern
    paces: TrainingPaces
    current_s: float
    tt_paces: TrainingPaces | None
    tt_date: date | None
    tt_s: float | None
    keys: dict[int, list[str]]
    goal_s: float = 420.0
    target_s: float = 420.0  # where the block's fitness heads (domain/prescription.py)
    last_move: int = 1  # the block week the fitness reaches the target
    test_date: date | None = None  # untested runners: the test mile (by feel until then)
    provisional: bool = False
    counts: Counter[str] = field(default_factory=Counter)
    warmup_m: float = 0.0
    cooldown_m: float = 0.0
    light: bool = False
    doubles: bool = False  # this week's easy days hold a second short run
    hard_doubles: bool = False  # ...and its hard days an easy one
    phase: Phase = Phase.BUILD  # the week being built
    week_m: float = 0.0  # its planned distance: hard sessions scale with it
    sharp: date | None = None  # the race week's sharpener
    longest_build_m: float = 0.0  # the build weeks' longest long run: later ones are shorter
    ids: dict[str, int] = field(default_factory=dict)
    # Sessions made so far, dated copies of which fill the plan: by catalogue key and all a
    # builder reads (sessions) or size, pace and phase (runs).
    made: dict[tuple[object, ...], Session] = field(default_factory=dict)
    runs: dict[tuple[object, ...], Session] = field(default_factory=dict)
    memo: PlanMemo = field(default_factory=PlanMemo)  # what sessions share (sessions.py)
    zones: dict[float, TrainingPaces | WeekPaces] = field(default_factory=dict)
    fitness: dict[tuple[int, bool], float] = field(default_factory=dict)
    days: dict[date, _Day] = field(default_factory=dict)
    dates: list[date] = field(default_factory=list)  # every day of the plan
    # A block week's extras by weekday and its strength sessions, by phase and easier or not.
    extras: dict[tuple[Phase, bool], tuple[dict[Weekday, tuple[str, ...]], tuple[str, ...]]] = \
        field(default_factory=dict)

    def week_days(self, index: int) -> list[date]:
        """The seven days of week ``index`` (1-based)."""
        if not self.dates:
            day, dates = self.cal.start, self.dates
            for _ in range(7 * self.cal.total_weeks):
                dates.append(day)
                day += _ONE_DAY
        return self.dates[7 * (index - 1):7 * index]

    def new_id(self, iso: str, key: str) -> str:
        """Stable ids: the date and the catalogue key (a count if a day repeats a key)."""
        base = f"{iso}-{key}"
        seen = self.ids[base] = self.ids.get(base, 0) + 1
        return base if seen == 1 else f"{base}-{seen}"

    def _after_tt(self, day: date) -> bool:
        return self.tt_paces is not None and self.tt_date is not None and day > self.tt_date

    def current_on(self, day: date) -> float:
        """Today's mile on ``day``: the test (or assumed) mile, or the time trial after it."""
        return self.tt_s if self._after_tt(day) and self.tt_s is not None else self.current_s

    def block_week(self, day: date) -> int:
        return (day - self.cal.start).days // 7 + 1 - self.cal.base_weeks

    def day(self, day: date) -> _Day:
        """What the plan needs to know of ``day``: worked out once a plan."""
        known = self.days.get(day)
        if known is None:
            self.know_week((day - self.cal.start).days // 7 + 1)
            known = self.days[day]
        return known

    def know_week(self, index: int) -> None:
        """Work out what the plan needs to know of the days of week ``index`` (1-based)."""
        week = index - self.cal.base_weeks
        tt = self.tt_date if self.tt_paces is not None else None
        test = self.test_date
        for day in self.week_days(index):
            after_tt = tt is not None and day > tt
            fitness = self.fitness.get((week, after_tt))
            if fitness is None:
                fitness = self.fitness[(week, after_tt)] = self._fitness(week, after_tt, day)
            self.days[day] = (
                day.isoformat(), after_tt,
                self.provisional and (test is None or day <= test), fitness,
                self.tt_paces if self.tt_paces is not None and after_tt else self.paces,
                self.tt_s if after_tt and self.tt_s is not None else self.current_s)

    def paces_on(self, day: date) -> TrainingPaces:
        """The paces in force on ``day``: re-set from the time trial after it."""
        return self.day(day)[4]

    def _fitness(self, week: int, after_tt: bool, day: date) -> float:
        """The mile the work paces of ``day`` come from (domain/prescription.py, rule 1):
        one value per block week and side of the time trial."""
        if week < 1:
            return self.current_on(day)
        first = 1
        if after_tt and self.tt_date is not None:
            first = self.block_week(self.tt_date)
        fraction = week_fraction(week, self.last_move, first)
        return projected_mile_s(self.current_on(day), self.target_s, fraction)

    def work_paces(self, mile_s: float) -> TrainingPaces | WeekPaces:
        """The week's work paces at a ``mile_s`` fitness (each worked out when asked)."""
        paces = self.zones.get(mile_s)
        if paces is None:
            paces = self.zones[mile_s] = WeekPaces(mile_s, self.goal_s)
        return paces

    def session(self, day: date, key: str, phase: Phase) -> Session:
        """Catalogue session ``key`` on ``day``: made the first time this plan needs it (same
        key and context, same session), a dated copy after that."""
        made = _FIXED.get(key)
        if made is not None:
            return made.on(self.new_id(self.day(day)[0], key), day)
        iso, after_tt, by_effort, fit, paces, current = self.day(day)
        n = self.counts[key]
        if phase in _PROGRESSING and not self.light:
            self.counts[key] = n + 1  # reps progress each time round, easier weeks aside
        rounds = ROUND_ONLY.get(key)
        memo: tuple[object, ...]
        if rounds is not None:
            memo = (key, after_tt, phase, min(n, rounds - 1))
        else:
            memo = (key, after_tt, phase, n, self.warmup_m, self.light, fit, by_effort,
                    self.week_m)
        made = self.made.get(memo)
        if made is not None:
            return made.on(self.new_id(iso, key), day)
        ctx = SessionContext.of(paces, phase, n, current, self.warmup_m, self.cooldown_m,
                                self.light, self.work_paces(fit), fit, by_effort, self.week_m,
                                self.memo)
        made = self.made[memo] = _session(key, build(key, ctx), self.new_id(iso, key), day)
        return made

    def slot(self, day: date, long: bool = False, double: bool = False) -> Slot:
        paces = self.day(day)[4]
        pace = paces.long if long else paces.easy
        return Slot(day, long, pace.mid_s_per_mile, double)

    def run(self, day: date, meters: float, long: bool, double: bool = False) -> Session:
        key = "long" if long else "double" if double else "easy"
        iso, _, effort, _, paces, _ = self.day(day)
        # Runs of the same size, pace and phase are the same run on another day: made once.
        memo = (key, meters, paces is self.paces, effort, self.phase if long else None)
        made = self.runs.get(memo)
        if made is None:
            entry = CATALOGUE[key]
            miles = meters / METERS_PER_MILE
            size = f"{miles:g} miles" if self.athlete.units == "mi" else f"{meters / 1000:g} km"
            why = entry.why
            if long:
                share, minutes = long_limits(self.phase)
                why += (f" A miler's long run: at most about {share:.0%} of the week and "
                        f"{minutes:.0f} minutes{_LONG_WHY[self.phase]}.")
            made = self.runs[memo] = Session.planned(
                self.new_id(iso, key), day, entry.kind, entry.intensity,
                f"{entry.name}: {size}", why, key,
                easy_run(paces, meters, long=long, by_effort=effort))
            return made
        return made.on(self.new_id(iso, key), day)


def _session(key: str, built: Built, id: str, day: date) -> Session:
    """Catalogue session ``key`` as built, on ``day`` (copies for other days: Session.on)."""
    entry = CATALOGUE[key]
    minutes = SESSION_MINUTES.get(key)
    why = f"{entry.why} {built.note}" if built.note else entry.why
    return Session.planned(id, day, entry.kind, entry.intensity, built.title, why, key,
                           built.steps, None if minutes is None else minutes * 60.0)


_ONE_DAY: Final = timedelta(days=1)
_PROGRESSING: Final = frozenset({Phase.BUILD, Phase.SHARPEN, Phase.BASE})
_LONG_WHY: Final = {Phase.BASE: ", stamina for the speedwork to come",
                    Phase.BUILD: ", stamina without a marathoner's distance",
                    Phase.SHARPEN: ", a little shorter now that speed comes first",
                    Phase.TAPER: ", shorter again so you reach race day fresh",
                    Phase.RACE: ""}
_WEEKDAYS: Final = tuple(Weekday)
# Sessions that are the same whoever runs them (rest, mobility, strength...): made at import,
# undated; a plan holds dated copies.
_FIXED: Final = {key: _session(key, same, "", date.min) for key in CATALOGUE
                 if (same := fixed(key)) is not None}


def weekday(day: date) -> Weekday:
    return _WEEKDAYS[day.weekday()]  # a tuple index: Weekday(n) is an enum lookup each time
