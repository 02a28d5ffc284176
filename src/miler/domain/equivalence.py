"""Race-time equivalence: what a result at one distance says about another.

Three published models, each with the range where it holds. Outside that range a model
refuses with an :class:`InvalidInputError` naming the value and the range; it never
extrapolates silently and never returns NaN.

* Daniels–Gilbert (1979): an oxygen-cost curve and a sustainable-fraction curve whose ratio
  is a fitness score (the number Daniels' tables list). Fitted to races from 1500 m to the
  marathon, so distances outside 1500 m–42 195 m are refused.
  Source: J. Daniels, J. Gilbert, *Oxygen Power: Performance Tables for Distance Runners* (1979).
* Riegel (1981): T2 = T1 (D2/D1)^k with k = 1.06, fitted to world records lasting about
  3.5 to 230 minutes. Source: P. S. Riegel, "Athletic records and human endurance",
  *American Scientist* 69 (1981) 285–290.
* Cameron: a speed-decay curve a(d) fitted to post-1945 world records from 800 m to
  10 000 m and to marathons from 1964 on. Source: D. Cameron's model as described by
  P. Hoffman (University of Massachusetts Lowell, "Cameron's model"); the original takes miles,
  a(d) = 13.49681 - 0.048865 d + 2.438936 / d^0.7905, which is the form used here.
"""

from __future__ import annotations

import math
from typing import Final

from miler.domain.units import METERS_PER_MILE
from miler.errors import InvalidInputError

__all__ = [
    "CAMERON_MAX_DISTANCE_M",
    "CAMERON_MIN_DISTANCE_M",
    "DG_MAX_DISTANCE_M",
    "DG_MIN_DISTANCE_M",
    "RIEGEL_K",
    "RIEGEL_MAX_TIME_S",
    "RIEGEL_MIN_TIME_S",
    "cameron_time",
    "check_result",
    "daniels_score",
    "daniels_speed",
    "daniels_time",
    "duration_distance",
    "fit_riegel_exponent",
    "record_time_s",
    "riegel_time",
]

MARATHON_M: Final = 42_195.0

# Daniels–Gilbert: oxygen cost (ml/kg/min) of running at v m/min, and the fraction of VO2max
# sustainable for t minutes. Coefficients from Daniels & Gilbert (1979), as quoted in DESIGN.md.
_COST: Final = (-4.60, 0.182258, 0.000104)
_FRACTION: Final = (0.8, 0.1894393, -0.012778, 0.2989558, -0.1932605)
DG_MIN_DISTANCE_M: Final = 1_500.0  # the shortest race the curves were fitted to
DG_MAX_DISTANCE_M: Final = MARATHON_M  # the longest
_DG_SCORE_RANGE: Final = (15.0, 90.0)  # a 17-minute mile to beyond the world record

RIEGEL_K: Final = 1.06  # Riegel (1981), the endurance exponent for running
# Riegel's fit covers efforts lasting about 3.5 to 230 minutes: both ends of a prediction
# must fall inside that, whatever the distances.
RIEGEL_MIN_TIME_S: Final = 210.0
RIEGEL_MAX_TIME_S: Final = 230.0 * 60.0
_FIT_MIN_DISTANCE_M: Final = 400.0  # a personal exponent is fitted from real races only

CAMERON_MIN_DISTANCE_M: Final = 800.0
CAMERON_MAX_DISTANCE_M: Final = MARATHON_M
_CAMERON: Final = (13.49681, 0.048865, 2.438936, 0.7905)  # d in miles (Hoffman's form)

_TIME_TOLERANCE_S: Final = 0.001  # the inverse converges well inside the 0.01 s asked of it


def _check_time(time_s: float, field: str = "time") -> None:
    if not (math.isfinite(time_s) and time_s > 0):
        raise InvalidInputError(field, "must be a positive number of seconds", time_s)


def _check_distance(distance_m: float, low: float, high: float, model: str,
                    field: str = "distance") -> None:
    if not (math.isfinite(distance_m) and low <= distance_m <= high):
        raise InvalidInputError(
            field, f"must be within {model}'s range {low:g}–{high:g} m", distance_m)


def _cost(v_m_min: float) -> float:
    a, b, c = _COST
    return a + b * v_m_min + c * v_m_min * v_m_min


def _fraction(t_min: float) -> float:
    base, a1, k1, a2, k2 = _FRACTION
    return base + a1 * math.exp(k1 * t_min) + a2 * math.exp(k2 * t_min)


def daniels_score(distance_m: float, time_s: float) -> float:
    """The Daniels–Gilbert fitness score of running ``distance_m`` in ``time_s``."""
    _check_distance(distance_m, DG_MIN_DISTANCE_M, DG_MAX_DISTANCE_M, "Daniels–Gilbert")
    _check_time(time_s)
    t_min = time_s / 60.0
    score = _cost(distance_m / t_min) / _fraction(t_min)
    low, high = _DG_SCORE_RANGE
    if not low <= score <= high:
        raise InvalidInputError(
            "time", f"gives a Daniels–Gilbert score of {score:.1f}, outside {low:g}–{high:g} "
            f"for {distance_m:g} m", time_s)
    return score


def _check_score(score: float) -> None:
    low, high = _DG_SCORE_RANGE
    if not (math.isfinite(score) and low <= score <= high):
        raise InvalidInputError("score", f"must be within {low:g}–{high:g}", score)


def daniels_time(score: float, distance_m: float) -> float:
    """Seconds to run ``distance_m`` at the Daniels–Gilbert ``score``.

    The score falls as the time grows, so bisection on the time always converges; it stops
    when the bracket is narrower than a millisecond.
    """
    _check_score(score)
    _check_distance(distance_m, DG_MIN_DISTANCE_M, DG_MAX_DISTANCE_M, "Daniels–Gilbert")
    fast, slow = distance_m / 1000.0, distance_m / 20.0  # 1000 m/min down to 20 m/min, in min
    a, b, c = _COST
    base, a1, k1, a2, k2 = _FRACTION
    exp = math.exp
    while (slow - fast) * 60.0 > _TIME_TOLERANCE_S:
        mid = (fast + slow) / 2.0
        v = distance_m / mid  # _cost(v) / _fraction(mid), written out: the loop's whole cost
        if (a + b * v + c * v * v) / (base + a1 * exp(k1 * mid) + a2 * exp(k2 * mid)) > score:
            fast = mid
        else:
            slow = mid
    return (fast + slow) * 30.0


def daniels_speed(oxygen_cost: float) -> float:
    """The speed (m/s) whose Daniels–Gilbert oxygen cost is ``oxygen_cost`` ml/kg/min.

    Training paces are a share of the score: the speed whose cost is, say, 88 % of it.
    """
    a, b, c = _COST
    if not (math.isfinite(oxygen_cost) and oxygen_cost > 0):
        raise InvalidInputError("oxygen cost", "must be a positive number", oxygen_cost)
    v_m_min = (-b + math.sqrt(b * b - 4.0 * c * (a - oxygen_cost))) / (2.0 * c)
    return v_m_min / 60.0


def duration_distance(score: float, time_s: float) -> float:
    """Metres a runner of ``score`` covers in a race lasting ``time_s`` (e.g. a 20-minute race)."""
    _check_score(score)
    _check_time(time_s)
    return daniels_speed(score * _fraction(time_s / 60.0)) * time_s


def riegel_time(time_s: float, from_m: float, to_m: float, k: float = RIEGEL_K) -> float:
    """Riegel's T2 = T1 (D2/D1)^k."""
    _check_time(time_s)
    _check_exponent(k)
    for field, distance in (("from distance", from_m), ("to distance", to_m)):
        _check_distance(distance, _FIT_MIN_DISTANCE_M, MARATHON_M, "Riegel", field)
    predicted: float = time_s * (to_m / from_m) ** k
    for field, value in (("time", time_s), ("predicted time", predicted)):
        if not RIEGEL_MIN_TIME_S <= value <= RIEGEL_MAX_TIME_S:
            raise InvalidInputError(
                field, "must be within Riegel's range of 3.5–230 minutes", round(value, 2))
    return predicted


def _check_exponent(k: float) -> None:
    if not (math.isfinite(k) and 1.0 < k < 2.0):
        raise InvalidInputError(
            "exponent", "must be between 1 and 2 (1: no slowing with distance; 2: absurd decay)",
            k)


def _cameron_a(distance_m: float) -> float:
    base, linear, scale, power = _CAMERON
    miles = distance_m / METERS_PER_MILE
    return float(base - linear * miles + scale / miles**power)


def cameron_time(time_s: float, from_m: float, to_m: float) -> float:
    """Cameron's formula: T2 = T1 (D2/D1) a(D1)/a(D2)."""
    _check_time(time_s)
    for field, distance in (("from distance", from_m), ("to distance", to_m)):
        _check_distance(distance, CAMERON_MIN_DISTANCE_M, CAMERON_MAX_DISTANCE_M, "Cameron",
                        field)
    return time_s * (to_m / from_m) * _cameron_a(from_m) / _cameron_a(to_m)


def fit_riegel_exponent(d1_m: float, t1_s: float, d2_m: float, t2_s: float) -> float:
    """The runner's own Riegel exponent from two results at different distances.

    Refused outside 1 < k < 2: below 1 the longer race was run faster per metre than the
    shorter (one of them was not a full effort); above 2 the runner faded more than any
    plausible endurance curve allows.
    """
    for field, time_s in (("first time", t1_s), ("second time", t2_s)):
        _check_time(time_s, field)
    for field, distance in (("first distance", d1_m), ("second distance", d2_m)):
        _check_distance(distance, _FIT_MIN_DISTANCE_M, MARATHON_M, "Riegel", field)
    if math.isclose(d1_m, d2_m, rel_tol=0.05):
        raise InvalidInputError("second distance",
                                "must differ from the first by more than 5 %", d2_m)
    k = math.log(t2_s / t1_s) / math.log(d2_m / d1_m)
    if not 1.0 < k < 2.0:
        raise InvalidInputError(
            "results", "must give a personal exponent between 1 and 2 (one race was not a full "
            f"effort, or the two are too far apart in time); these give {k:.3f}",
            f"{d1_m:g} m in {t1_s:g} s, {d2_m:g} m in {t2_s:g} s")
    return k


#: The fastest a human has covered ground (Bolt's 100 m, 9.58 s), and the mile world record
#: (El Guerrouj, 3:43.13) that sets the bar from 800 m up (Cameron's curve, then Riegel).
_SPRINT_M_S: Final = 100.0 / 9.58
_MILE_RECORD_S: Final = 223.13
_TEN_K_M: Final = 10_000.0
_RECORD_MARGIN: Final = 0.97


def record_time_s(distance_m: float) -> float:
    """A bar a little under the world record for ``distance_m``: nothing logged may be faster.

    The curve through the mile record (Cameron to 10 km, then a gentle power law) is taken
    3 % faster, so it stays under every record from 100 m to the marathon (tested)."""
    return _RECORD_MARGIN * _record_curve(distance_m)


def _record_curve(distance_m: float) -> float:
    if distance_m <= CAMERON_MIN_DISTANCE_M:
        return distance_m / _SPRINT_M_S
    if distance_m <= _TEN_K_M:
        return cameron_time(_MILE_RECORD_S, METERS_PER_MILE, distance_m)
    ten_k = cameron_time(_MILE_RECORD_S, METERS_PER_MILE, _TEN_K_M)
    # A gentler exponent than Riegel's 1.06 beyond 10 km, so the bar stays under every road
    # record (1.04 gives 1:58:36 for the marathon against the record 2:00:35).
    return float(ten_k * (distance_m / _TEN_K_M) ** 1.04)


def check_result(distance_m: float, time_s: float, field: str = "time") -> None:
    """Refuse a logged result no one could run: faster than the world record for its length."""
    record = record_time_s(distance_m)
    if not (math.isfinite(time_s) and time_s >= record):
        raise InvalidInputError(
            field, f"must be slower than the world record for {distance_m:g} m (about "
            f"{record:.0f} s)", time_s)
