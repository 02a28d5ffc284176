"""The runner's mile today, from the hard running in their recent history, with an honest
80 % interval: "testing without testing".

Method (docs/fitness.md has the sources, the measured error and the limits):

1. Efforts. From every run of the window (``RECENT_WEEKS`` by default) the best efforts of
   ``fitness_efforts.FITNESS_DISTANCES`` lasting 2 to 20 minutes (critical speed and power
   laws agree there, and the mile sits inside). Left out, each with its reason: sprints and
   long runs outside that range; stretches holding a rest or a stop (slowest 20 s under
   ``STEADY_SHARE`` of their speed); net downhill stretches (``MAX_DROP``); easy running (under
   ``HARD_SHARE`` times the runner's usual speed); a stretch inside a longer one of the same
   run at about its speed; and, per distance, all but the best.
2. How far from maximal. A recorded race, time trial or test mile counts fully. A continuous
   hard stretch (a tempo, or a race nobody said was one) is taken as ``GAP`` slower than the
   runner's best, a rep among others (an interval session) more so; each with its own
   uncertainty, shared by every effort of its kind. Older efforts count less: fitness drifts
   by about ``DRIFT_PER_WEEK`` a week.
3. Models, each giving a mile: critical speed (distance = CS t + D'), a power law t = c d^k
   with the runner's own exponent (pulled towards Riegel's 1.06 when the efforts cannot fix
   it), and the published equivalences (Riegel, Cameron, Daniels-Gilbert) from the best single
   effort. The estimate is their median; the interval adds the efforts' uncertainty, the
   spread between the models and the uncertainty of the exponent.

Pure: efforts in (``fitness_efforts.RunEfforts``), an ``Estimate`` out; ``today`` is a
parameter. Too little hard running raises ``NotEnoughDataError`` with the reason.
"""

from __future__ import annotations

import math
import statistics
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Final

from miler.domain.baseline import RECENT_WEEKS
from miler.domain.equivalence import cameron_time, daniels_score, daniels_time, riegel_time
from miler.domain.fitness_runs import Candidate, RunEfforts
from miler.domain.units import METERS_PER_MILE, format_clock
from miler.errors import InvalidInputError, NotEnoughDataError

__all__ = ["MAX_WEEKS", "Effort", "EffortKind", "Estimate", "estimate_mile", "weekly_estimates"]

#: Efforts lasting this long: Smyth & Muniz-Pumares (2020) fit critical speed to 2-15 min
#: bests; Drake et al. (2024) find power laws and critical speed agree from 2 to 15 min.
MIN_EFFORT_S: Final = 120.0
MAX_EFFORT_S: Final = 1200.0
#: The window may be 1 to this many weeks long.
MAX_WEEKS: Final = 104
#: A sustained effort's slowest 20 s is at least this share of its mean speed.
STEADY_SHARE: Final = 0.8
#: Net drop over the effort above this share of its distance (1 %: 16 m over a mile) flatters.
MAX_DROP: Final = 0.01
#: Hard running is at least this many times the runner's usual (median) speed in motion.
HARD_SHARE: Final = 1.12
#: A shorter stretch inside a longer one no more than this much faster is part of it.
_NESTED_SHARE: Final = 1.06
#: Rest of the run this long at 90 % of the effort's speed makes it a rep among others.
_REPS_S: Final = 90.0


class EffortKind(StrEnum):
    RACE = "race"  # a recorded race, time trial or test mile: all out
    CONTINUOUS = "continuous"  # one hard stretch: a tempo, or a race not recorded as one
    REP = "rep"  # one of several hard stretches: an interval session


#: How much slower than the runner's best for its length each kind of effort is taken to be
#: (time, as a share), and the uncertainty of that (one standard deviation, as a share).
#: Daniels' training paces put a tempo about 6 % under the 20-minute best and interval reps
#: at 3-5 km pace, 4-8 % under the best for their length; a race not recorded as one is 0.
GAP: Final[dict[EffortKind, float]] = {EffortKind.RACE: 0.0, EffortKind.CONTINUOUS: 0.01,
                                       EffortKind.REP: 0.04}
GAP_SD: Final[dict[EffortKind, float]] = {EffortKind.RACE: 0.015,
                                          EffortKind.CONTINUOUS: 0.03, EffortKind.REP: 0.035}
#: Efforts are lower bounds: one that, carried to the mile, is this much slower than the
#: best is a training effort well short of the runner's best, and says nothing more.
BELOW_BEST: Final = 0.08
#: Fitness drifts by about this share a week (up or down): an older effort says less.
DRIFT_PER_WEEK: Final = 0.004
#: GPS and timing error of one effort, as a share of its time.
GPS_SD: Final = 0.01
#: The personal exponent: Riegel's 1.06 as the prior, with this spread (Blythe & Kiraly 2016
#: find personal exponents mostly between 1.02 and 1.12), and the range allowed.
PRIOR_K: Final = 1.06
PRIOR_K_SD: Final = 0.025
_K_RANGE: Final = (1.0, 1.2)
#: Critical speed needs efforts this far apart in time (longest / shortest).
_CS_SPAN: Final = 2.0
#: D' outside this (metres) is no physiology: the critical-speed fit is not used.
_D_PRIME_RANGE: Final = (20.0, 600.0)
#: An 80 % interval is the estimate times exp(+-1.2816 sd).
_Z80: Final = 1.2815516
#: A mile estimate outside this is refused (the world-record bar to a 20-minute mile).
_MILE_RANGE_S: Final = (223.0, 1200.0)


@dataclass(frozen=True, slots=True)
class Effort:
    """One candidate effort and what became of it: used for the estimate, or why not."""

    day: date
    source: str
    distance_m: float
    elapsed_s: float
    used: bool
    kind: EffortKind | None
    reason: str

    def to_doc(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "source": self.source,
                "distance_m": self.distance_m, "elapsed_s": round(self.elapsed_s, 2),
                "used": self.used, "kind": str(self.kind) if self.kind else None,
                "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Estimate:
    """The mile today with its 80 % interval, the models behind it and the efforts used."""

    today: date
    weeks: int
    mile_s: float
    interval_80: tuple[float, float]
    critical_speed_mps: float | None
    d_prime_m: float | None
    exponent: float
    exponent_fitted: bool
    models: dict[str, float]
    efforts: tuple[Effort, ...]
    runs: int
    basis: str

    @property
    def used(self) -> tuple[Effort, ...]:
        return tuple(e for e in self.efforts if e.used)

    def equivalent_s(self, distance_m: float) -> float:
        """The time for ``distance_m`` at the estimate, by the runner's own exponent."""
        return float(self.mile_s * (distance_m / METERS_PER_MILE) ** self.exponent)

    def to_doc(self) -> dict[str, Any]:
        """The ``miler.fitness/1`` document (fitness.schema.json)."""
        lo, hi = self.interval_80
        return {
            "schema": "miler.fitness/1", "today": self.today.isoformat(), "weeks": self.weeks,
            "mile_s": round(self.mile_s, 2), "interval_80": [round(lo, 2), round(hi, 2)],
            "critical_speed_mps": _round(self.critical_speed_mps, 4),
            "d_prime_m": _round(self.d_prime_m, 1),
            "exponent": round(self.exponent, 4), "exponent_fitted": self.exponent_fitted,
            "models": {k: round(v, 2) for k, v in self.models.items()},
            "equivalents": {name: round(self.equivalent_s(d), 2)
                            for name, d in EQUIVALENT_DISTANCES.items()},
            "runs": self.runs,
            "efforts": [e.to_doc() for e in self.efforts],
            "basis": self.basis,
        }


#: Equivalent times shown with the estimate.
EQUIVALENT_DISTANCES: Final[dict[str, float]] = {
    "800m": 800.0, "1500m": 1500.0, "mile": METERS_PER_MILE, "3km": 3000.0, "5km": 5000.0}


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


@dataclass(frozen=True, slots=True)
class _Used:
    day: date
    distance_m: float
    time_s: float  # adjusted to the runner's best for the distance (the kind's gap taken off)
    kind: EffortKind
    sd: float  # of log time, this effort alone (drift and GPS)

    def weight(self) -> float:
        return 1.0 / (self.sd**2 + GAP_SD[self.kind] ** 2)


def estimate_mile(runs: Sequence[RunEfforts], today: date,
                  weeks: int = RECENT_WEEKS, *, report: bool = True,
                  marked_of: Callable[[RunEfforts, float | None], list[_Marked]] | None = None,
                  ) -> Estimate:
    """The mile today from ``runs`` of the last ``weeks`` weeks before ``today``; without
    ``report`` the estimate leaves out its account of every effort (``efforts`` is empty:
    a week of progress needs only the mile and its interval).

    Raises ``NotEnoughDataError`` (with the reason) when no hard running is left to use."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInputError("--weeks", f"must be a whole number from 1 to {MAX_WEEKS}",
                                weeks)
    first = today - timedelta(weeks=weeks)
    window = [r for r in runs if first < r.day <= today]
    if not window:
        raise NotEnoughDataError(f"no runs in the {weeks} weeks to {today.isoformat()}")
    efforts, used = _sort_out(window, today, report, marked_of or _marked)
    if not used:
        raise NotEnoughDataError(
            f"not enough hard running: of {len(window)} runs in the {weeks} weeks to "
            f"{today.isoformat()}, none holds a sustained effort of 2-20 minutes at least "
            f"{HARD_SHARE:.2f} times the usual pace; a race, a time trial, a tempo or an "
            "interval session gives one")
    return _estimate(used, efforts, today, weeks, len(window))


def weekly_estimates(runs: Sequence[RunEfforts], days: Sequence[date],
                     weeks: int = RECENT_WEEKS) -> list[tuple[date, Estimate | None]]:
    """The estimate as it stood on each of ``days`` (None where there was not enough),
    without the account of each effort. Every run's candidates are sorted once, and those
    no week could use (too short, too long, unsteady, downhill: all but "easy running"
    depends on the candidate alone) are left out once."""
    runs = [replace(r, candidates=tuple(sorted(
        (c for c in r.candidates if _why_not(c, None) is None), key=_longest_first)))
        for r in runs]
    # What is left of a run's candidates then depends on the week only through the usual
    # pace: which of them are hard enough. The same answer is kept for the weeks that agree.
    # A run's candidates slower than the bar are those below a place in its sorted speeds.
    speeds = {id(r): (i, sorted(c.speed_m_s for c in r.candidates)) for i, r in enumerate(runs)}
    seen: dict[tuple[int, int], list[_Marked]] = {}

    def kept(run: RunEfforts, usual: float | None) -> list[_Marked]:
        i, sorted_speeds = speeds[id(run)]
        easy = 0 if run.result or usual is None else bisect_left(sorted_speeds,
                                                                  HARD_SHARE * usual)
        key = (i, easy)
        if key not in seen:
            seen[key] = [m for m in _marked(run, usual) if m[1] is not None]
        return seen[key]

    out: list[tuple[date, Estimate | None]] = []
    for day in days:
        try:
            out.append((day, estimate_mile(runs, day, weeks, report=False, marked_of=kept)))
        except NotEnoughDataError:
            out.append((day, None))
    return out


def _usual_speed(runs: Sequence[RunEfforts]) -> float | None:
    speeds = [r.moving_speed_m_s for r in runs if r.moving_speed_m_s and not r.result]
    return statistics.median(speeds) if speeds else None


def _longest_first(c: Candidate) -> float:
    return -c.distance_m


#: A candidate of a run with its kind when it may be used, else None and the reason.
_Marked = tuple[Candidate, EffortKind | None, str]


def _marked(run: RunEfforts, usual: float | None) -> list[_Marked]:
    """Each of ``run``'s candidates, longest first, marked usable (with its kind) or not
    (with the reason), given the runner's usual speed."""
    kept: list[Candidate] = []
    out: list[_Marked] = []
    for c in sorted(run.candidates, key=_longest_first):
        why = _why_not(c, None if run.result else usual)
        if why is None:
            longer = next((k for k in kept if _inside(c, k)), None)
            if longer is not None:
                why = f"inside the {_distance(longer.distance_m)}"
        if why is None:
            kept.append(c)
            out.append((c, _kind(run, c), ""))
        else:
            out.append((c, None, why))
    return out


def _sort_out(runs: Sequence[RunEfforts], today: date, report: bool,
              marked_of: Callable[[RunEfforts, float | None], list[_Marked]],
              ) -> tuple[list[Effort], list[_Used]]:
    """The used candidates for the models; with ``report``, every candidate marked used or
    not, with the reason (``marked_of`` may leave out the unusable ones without it)."""
    usual = _usual_speed(runs)
    marked = [(run, c, kind, why) for run in runs for c, kind, why in marked_of(run, usual)]
    best: dict[float, tuple[float, int]] = {}
    for i, (run, c, kind, _) in enumerate(marked):
        if kind is None:
            continue
        age = (today - run.day).days / 7.0
        score = c.elapsed_s * (1.0 - GAP[kind]) * (1.0 + DRIFT_PER_WEEK * age)
        if c.distance_m not in best or score < best[c.distance_m][0]:
            best[c.distance_m] = (score, i)
    chosen = {i for _, i in best.values()}
    below = _below_best(marked, chosen)
    efforts, used = [], []
    for i, (run, c, kind, why) in enumerate(marked):
        if kind is not None and i not in chosen:
            why = f"a better {_distance(c.distance_m)} counts"
        elif i in below:
            why = f"{below[i]:.0%} below the best (a training effort)"
        ok = kind is not None and i in chosen and i not in below
        if report:
            efforts.append(Effort(run.day, run.source, c.distance_m, c.elapsed_s, ok,
                                  kind if ok else None, why or f"used ({kind})"))
        if ok and kind is not None:
            age = (today - run.day).days / 7.0
            used.append(_Used(run.day, c.distance_m, c.elapsed_s * (1.0 - GAP[kind]), kind,
                              math.hypot(DRIFT_PER_WEEK * age, GPS_SD)))
    efforts.sort(key=lambda e: (not e.used, -e.day.toordinal(), e.distance_m))
    return efforts, used


def _below_best(marked: list[tuple[RunEfforts, Candidate, EffortKind | None, str]],
                chosen: set[int]) -> dict[int, float]:
    """The chosen efforts whose mile equivalent (Riegel's exponent, the kind's gap off) is
    more than ``BELOW_BEST`` slower than the fastest one's, with how much slower."""
    mile = {}
    for i in chosen:
        _, c, kind, _ = marked[i]
        assert kind is not None
        mile[i] = c.elapsed_s * (1.0 - GAP[kind]) * (METERS_PER_MILE / c.distance_m) ** PRIOR_K
    fastest = min(mile.values(), default=0.0)
    return {i: m / fastest - 1.0 for i, m in mile.items() if m > fastest * (1.0 + BELOW_BEST)}


def _why_not(c: Candidate, usual: float | None) -> str | None:
    if c.elapsed_s < MIN_EFFORT_S:
        return "under 2 minutes (a sprint)"
    if c.elapsed_s > MAX_EFFORT_S:
        return "over 20 minutes"
    if c.steadiness is not None and c.steadiness < STEADY_SHARE:
        return "holds a rest or a stop"
    if usual is not None and c.speed_m_s < HARD_SHARE * usual:
        return "easy running"
    if c.drop_m is not None and c.drop_m > MAX_DROP * c.distance_m:
        return f"downhill ({c.drop_m:.0f} m drop)"
    return None


def _inside(short: Candidate, long: Candidate) -> bool:
    return (long.start_offset_s - 1.0 <= short.start_offset_s
            and short.start_offset_s + short.elapsed_s <= long.start_offset_s
            + long.elapsed_s + 1.0 and short.speed_m_s <= _NESTED_SHARE * long.speed_m_s)


def _kind(run: RunEfforts, c: Candidate) -> EffortKind:
    if run.result:
        return EffortKind.RACE
    if c.fast_elsewhere_s is not None and c.fast_elsewhere_s >= _REPS_S:
        return EffortKind.REP
    return EffortKind.CONTINUOUS


def _distance(metres: float) -> str:
    if abs(metres - METERS_PER_MILE) < 1.0:
        return "mile"
    if abs(metres - 2 * METERS_PER_MILE) < 1.0:
        return "2 miles"
    return f"{metres:g} m" if metres < 1000 else f"{metres / 1000:g} km"


def _estimate(used: list[_Used], efforts: list[Effort], today: date, weeks: int,
              runs: int) -> Estimate:
    k, k_sd, fitted = _exponent(used)
    models: dict[str, float] = {}
    models["power_law"] = _power_law_mile(used, k, k_sd)
    cs = _critical_speed(used)
    if cs is not None:
        models["critical_speed"] = (METERS_PER_MILE - cs[1]) / cs[0]
    anchor = min(used, key=lambda u: (u.sd**2 + GAP_SD[u.kind] ** 2
                                      + (k_sd * math.log(METERS_PER_MILE / u.distance_m)) ** 2,
                                      u.time_s))
    equivalent = _equivalences(anchor)
    models.update(equivalent)
    # The equivalences share one effort: together they are one voice among the models.
    values = [v for k, v in models.items() if k not in equivalent]
    if equivalent:
        values.append(statistics.median(equivalent.values()))
    mile = statistics.median(values)
    if not _MILE_RANGE_S[0] <= mile <= _MILE_RANGE_S[1]:
        raise NotEnoughDataError(f"the efforts give a {format_clock(mile, 0)} mile, outside "
                                 "what the models can read")
    logs = [math.log(v) for v in values]
    mean_log = sum(logs) / len(logs)
    spread = math.sqrt(sum((x - mean_log) ** 2 for x in logs) / len(logs))
    sd = math.sqrt(_efforts_var(used, k_sd) + spread**2)
    lo, hi = mile * math.exp(-_Z80 * sd), mile * math.exp(_Z80 * sd)
    basis = _basis(used, runs, weeks, fitted, k, cs is not None)
    return Estimate(today, weeks, mile, (lo, hi), cs[0] if cs else None, cs[1] if cs else None,
                    k, fitted, models, tuple(efforts), runs, basis)


def _efforts_var(used: list[_Used], k_sd: float) -> float:
    """Variance of the log mile: each kind's gap is shared by its efforts (a runner who
    trains gently does so every time), the rest is each effort's own."""
    weights = [u.weight() for u in used]
    total = sum(weights)
    by_kind: dict[EffortKind, float] = {}
    own = 0.0
    for u, w in zip(used, weights, strict=True):
        by_kind[u.kind] = by_kind.get(u.kind, 0.0) + w / total
        own += (w / total) ** 2 * (u.sd**2 + (k_sd * math.log(METERS_PER_MILE / u.distance_m))
                                   ** 2)
    shared = sum((share * GAP_SD[kind]) ** 2 for kind, share in by_kind.items())
    alone = 0.02**2 if len({u.distance_m for u in used}) < 2 else 0.0  # one distance only
    return shared + own + alone


def _exponent(used: list[_Used]) -> tuple[float, float, bool]:
    """The runner's exponent k of t = c d^k: a weighted fit of log t on log d combined with
    the prior (Riegel's 1.06); its sd; and whether the efforts had a say."""
    x = [math.log(u.distance_m) for u in used]
    y = [math.log(u.time_s) for u in used]
    w = [u.weight() for u in used]
    total = sum(w)
    mx = sum(wi * xi for wi, xi in zip(w, x, strict=True)) / total
    my = sum(wi * yi for wi, yi in zip(w, y, strict=True)) / total
    sxx = sum(wi * (xi - mx) ** 2 for wi, xi in zip(w, x, strict=True))
    if len(used) < 2 or sxx <= 0 or max(x) - min(x) < math.log(1.5):
        return PRIOR_K, PRIOR_K_SD, False
    sxy = sum(wi * (xi - mx) * (yi - my) for wi, xi, yi in zip(w, x, y, strict=True))
    k_fit = sxy / sxx
    var_fit = 1.0 / sxx  # weights are inverse variances
    prior = 1.0 / PRIOR_K_SD**2
    k = (k_fit / var_fit + PRIOR_K * prior) / (1.0 / var_fit + prior)
    k = min(max(k, _K_RANGE[0]), _K_RANGE[1])
    return k, 1.0 / math.sqrt(1.0 / var_fit + prior), True


def _power_law_mile(used: list[_Used], k: float, k_sd: float) -> float:
    """The weighted geometric mean of each effort carried to the mile with exponent k."""
    num = den = 0.0
    for u in used:
        span = math.log(METERS_PER_MILE / u.distance_m)
        w = 1.0 / (u.sd**2 + GAP_SD[u.kind] ** 2 + (k_sd * span) ** 2)
        num += w * (math.log(u.time_s) + k * span)
        den += w
    return math.exp(num / den)


def _critical_speed(used: list[_Used]) -> tuple[float, float] | None:
    """(CS m/s, D' m) from distance = CS t + D', weighted least squares; None when the
    efforts are too close in time or the fit is no physiology."""
    if len(used) < 2:
        return None
    t = [u.time_s for u in used]
    if max(t) / min(t) < _CS_SPAN:
        return None
    d = [u.distance_m for u in used]
    w = [u.weight() / (u.distance_m**2) for u in used]
    total = sum(w)
    mt = sum(wi * ti for wi, ti in zip(w, t, strict=True)) / total
    md = sum(wi * di for wi, di in zip(w, d, strict=True)) / total
    stt = sum(wi * (ti - mt) ** 2 for wi, ti in zip(w, t, strict=True))
    std = sum(wi * (ti - mt) * (di - md) for wi, ti, di in zip(w, t, d, strict=True))
    cs = std / stt
    d_prime = md - cs * mt
    if cs <= 0 or not _D_PRIME_RANGE[0] <= d_prime <= _D_PRIME_RANGE[1]:
        return None
    return cs, d_prime


def _equivalences(u: _Used) -> dict[str, float]:
    """The published models from one effort, each where it holds."""
    def daniels(time_s: float, from_m: float, to_m: float) -> float:
        return daniels_time(daniels_score(from_m, time_s), to_m)

    out: dict[str, float] = {}
    for name, model in (("riegel", riegel_time), ("cameron", cameron_time),
                        ("daniels", daniels)):
        try:
            out[name] = model(u.time_s, u.distance_m, METERS_PER_MILE)
        except InvalidInputError:
            continue  # outside the model's range: it says nothing here
    return out


def _basis(used: list[_Used], runs: int, weeks: int, fitted: bool, k: float,
           critical: bool) -> str:
    kinds = sorted({str(u.kind) for u in used})
    newest = max(u.day for u in used).isoformat()
    exponent = (f"your own exponent {k:.3f}" if fitted
                else f"Riegel's exponent {k:.2f} (too few distances for your own)")
    models = ", ".join(["critical speed"] * critical + [exponent])
    efforts = "1 hard effort" if len(used) == 1 else f"{len(used)} hard efforts"
    of = "1 run" if runs == 1 else f"{runs} runs"
    return (f"{efforts} ({', '.join(kinds)}) from {of} of the last {weeks} weeks, "
            f"newest {newest}, carried to the mile by {models} and the published "
            "equivalences.")
