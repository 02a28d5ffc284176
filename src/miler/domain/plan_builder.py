"""The plan being built: its calendar, paces and fitness by week, and its sessions made once.

domain/planner.py resolves the calendar and the runner's assessment and hands a ``PlanBuilder``
to domain/plan_weeks.py, which lays out the weeks day by day and asks it for each session.
The builder remembers what it made: a session (or an easy run) with the same catalogue key and
context as one made before is the same steps on another day.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from miler.domain.athlete import Athlete, Weekday
from miler.domain.library import CATALOGUE, SESSION_MINUTES
from miler.domain.prescription import projected_mile_s, week_fraction
from miler.domain.schedule import Calendar, WeekPattern
from miler.domain.sessions import ROUND_ONLY, Built, SessionContext, build, easy_run, fixed
from miler.domain.units import METERS_PER_MILE
from miler.domain.week_fill import Slot, long_limits
from miler.domain.workouts import AnyStep, Intensity, Phase, Session, SessionKind
from miler.domain.zones import TrainingPaces, training_paces

__all__ = ["Item", "PlanBuilder", "weekday"]

Item = Session | Slot  # a day's entry: a session, or a run sized once the week is known
# A session but its id and date: kind, intensity, title, why, workout, steps, duration.
_Made = tuple[SessionKind, Intensity, str, str, str, tuple[AnyStep, ...], float | None]


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
    last_hard: date | None = None
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
    built: dict[tuple[object, ...], Built] = field(default_factory=dict)
    # What a session is made of apart from its id and date, by catalogue key and the
    # identity of what was built (every Built is kept alive by ``built`` or the catalogue).
    made: dict[tuple[str, int], _Made] = field(default_factory=dict)
    runs: dict[tuple[object, ...], tuple[str, str, tuple[AnyStep, ...]]] = field(
        default_factory=dict)
    zones: dict[float, TrainingPaces] = field(default_factory=dict)
    fitness: dict[tuple[int, bool], float] = field(default_factory=dict)

    def new_id(self, day: date, key: str) -> str:
        """Stable ids: the date and the catalogue key (a count if a day repeats a key)."""
        base = f"{day.isoformat()}-{key}"
        seen = self.ids[base] = self.ids.get(base, 0) + 1
        return base if seen == 1 else f"{base}-{seen}"

    def _after_tt(self, day: date) -> bool:
        return self.tt_paces is not None and self.tt_date is not None and day > self.tt_date

    def paces_on(self, day: date) -> TrainingPaces:
        """The paces in force on ``day``: re-set from the time trial after it."""
        return self.tt_paces if self.tt_paces is not None and self._after_tt(day) \
            else self.paces

    def current_on(self, day: date) -> float:
        """Today's mile on ``day``: the test (or assumed) mile, or the time trial after it."""
        return self.tt_s if self._after_tt(day) and self.tt_s is not None else self.current_s

    def block_week(self, day: date) -> int:
        return (day - self.cal.start).days // 7 + 1 - self.cal.base_weeks

    def fitness_on(self, day: date) -> float:
        """The mile the work paces of ``day`` come from (domain/prescription.py, rule 1).

        One value per block week and side of the time trial: worked out once.
        """
        week, after_tt = self.block_week(day), self._after_tt(day)
        fitness = self.fitness.get((week, after_tt))
        if fitness is None:
            fitness = self.fitness[(week, after_tt)] = self._fitness(week, after_tt, day)
        return fitness

    def _fitness(self, week: int, after_tt: bool, day: date) -> float:
        if week < 1:
            return self.current_on(day)
        first = 1
        if after_tt and self.tt_date is not None:
            first = self.block_week(self.tt_date)
        fraction = week_fraction(week, self.last_move, first)
        return projected_mile_s(self.current_on(day), self.target_s, fraction)

    def by_effort(self, day: date) -> bool:
        """An untested runner runs by feel up to and including the test mile."""
        return self.provisional and (self.test_date is None or day <= self.test_date)

    def work_paces(self, mile_s: float) -> TrainingPaces:
        paces = self.zones.get(mile_s)
        if paces is None:
            paces = self.zones[mile_s] = training_paces(mile_s, self.goal_s)
        return paces

    def ctx(self, day: date, phase: Phase, key: str) -> SessionContext:
        fit = self.fitness_on(day)
        return SessionContext(self.paces_on(day), phase, self.counts[key], self.current_on(day),
                              self.warmup_m, self.cooldown_m, light=self.light,
                              work=self.work_paces(fit), mile_s=fit,
                              by_effort=self.by_effort(day), week_m=self.week_m)

    def _build(self, day: date, key: str, phase: Phase) -> Built:
        """build() for this plan, remembered: same key and context, same session."""
        same = fixed(key)
        if same is not None:
            return same
        memo: tuple[object, ...] = (key, self._after_tt(day), phase, self.counts[key])
        if key not in ROUND_ONLY:
            memo += (self.warmup_m, self.light, self.fitness_on(day), self.by_effort(day),
                     self.week_m)
        built = self.built.get(memo)
        if built is None:
            built = self.built[memo] = build(key, self.ctx(day, phase, key))
        return built

    def session(self, day: date, key: str, phase: Phase) -> Session:
        built = self._build(day, key, phase)
        if phase in _PROGRESSING and not self.light:
            self.counts[key] += 1  # reps progress each time round, easier weeks aside
        made = self.made.get((key, id(built)))
        if made is None:
            entry = CATALOGUE[key]
            minutes = SESSION_MINUTES.get(key)
            why = f"{entry.why} {built.note}" if built.note else entry.why
            made = self.made[(key, id(built))] = (
                entry.kind, entry.intensity, built.title, why, key, built.steps,
                None if minutes is None else minutes * 60.0)
        return Session(self.new_id(day, key), day, *made)

    def slot(self, day: date, long: bool = False, double: bool = False) -> Slot:
        paces = self.paces_on(day)
        pace = paces.long if long else paces.easy
        return Slot(day, long, pace.mid_s_per_mile, double)

    def run(self, day: date, meters: float, long: bool, double: bool = False) -> Session:
        key = "long" if long else "double" if double else "easy"
        entry = CATALOGUE[key]
        paces = self.paces_on(day)
        effort = self.by_effort(day)
        # Runs of the same size, pace and phase are the same run on another day: made once.
        memo = (key, meters, paces is self.paces, effort, self.phase if long else None)
        made = self.runs.get(memo)
        if made is None:
            miles = meters / METERS_PER_MILE
            size = f"{miles:g} miles" if self.athlete.units == "mi" else f"{meters / 1000:g} km"
            why = entry.why
            if long:
                share, minutes = long_limits(self.phase)
                why += (f" A miler's long run: at most about {share:.0%} of the week and "
                        f"{minutes:.0f} minutes{_LONG_WHY[self.phase]}.")
            made = self.runs[memo] = (f"{entry.name}: {size}", why,
                                      easy_run(paces, meters, long=long, by_effort=effort))
        title, why, steps = made
        return Session(self.new_id(day, key), day, entry.kind, entry.intensity, title, why,
                       key, steps)


_PROGRESSING: Final = frozenset({Phase.BUILD, Phase.SHARPEN, Phase.BASE})
_LONG_WHY: Final = {Phase.BASE: ", stamina for the speedwork to come",
                    Phase.BUILD: ", stamina without a marathoner's distance",
                    Phase.SHARPEN: ", a little shorter now that speed comes first",
                    Phase.TAPER: ", shorter again so you reach race day fresh",
                    Phase.RACE: ""}
_WEEKDAYS: Final = tuple(Weekday)


def weekday(day: date) -> Weekday:
    return _WEEKDAYS[day.weekday()]  # a tuple index: Weekday(n) is an enum lookup each time
