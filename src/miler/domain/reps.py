"""Reps found in a run and scored against the planned session's.

Finding: the fast stretches of :func:`miler.domain.segments.segments` (from the laps when
they are the reps, else from the pace changes), each with the recovery that followed it.

Scoring: the planned reps (from the session's steps: each work step with a target pace,
set by distance or by time, with the recovery step after it) are matched in order to the
found reps of about their distance, or their time for a rep set by time
(``DISTANCE_TOLERANCE``); each gets its time against the target range (a rep set by time
meets its time by being run: its pace is what counts), its pacing error in seconds per
400 m (0 inside the range, else how far outside) and the recovery taken against the
planned one. A session whose matched reps were all slower than their targets is
"done, off target".

Over the block (progress): each stored score as a ``Rep`` (``rep_report`` reads a run's
device laps instead, for runs stored before scoring), summed by ``reps_summary``. One rule
(``pacing_error``, ``verdict_of``) judges both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final

from miler.domain.plan_view import SessionView
from miler.domain.progress_marks import pacing_error, reps_line, verdict_of
from miler.domain.units import METERS_PER_MILE
from miler.domain.workouts import AnyStep, Repeat, Step, StepKind

if TYPE_CHECKING:  # numpy loads with the finding: progress only reads what was scored
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["DISTANCE_TOLERANCE", "OFF_TARGET_NOTE", "FoundRep", "PlannedRep", "Rep",
           "RepScore", "RepsSummary", "find_reps", "found_in_doc", "off_target",
           "pacing_error", "planned_reps", "rep_report", "reps_summary", "score_reps",
           "score_session", "scores_doc", "verdict_of"]

#: A found rep is a planned one when its distance is within this share of the plan's
#: (GPS and a late lap press give a few percent; a 400 is never a 600).
DISTANCE_TOLERANCE: Final = 0.2
#: The session note of a session whose reps were all slower than their targets.
OFF_TARGET_NOTE: Final = "done, off target"
#: A device lap is one of a session's reps when its distance is within this share of the
#: rep's (``rep_report``, for runs stored before reps were scored).
_LAP_TOLERANCE: Final = 0.15


@dataclass(frozen=True, slots=True)
class FoundRep:
    """A rep as run: start (seconds from the first sample), time, distance, and the
    recovery after it (None after the last)."""

    start_s: float
    elapsed_s: float
    distance_m: float
    recovery_s: float | None = None


@dataclass(frozen=True, slots=True)
class PlannedRep:
    """A planned rep: distance, target pace range (seconds per mile) and the recovery
    planned after it (None after the last). A rep set by time (a fartlek's 80 s, a
    threshold's 10 minutes) has its ``duration_s``; its distance is the plan's estimate at
    the middle of the range."""

    distance_m: float
    fast_s_per_mile: float
    slow_s_per_mile: float
    recovery_s: float | None = None
    duration_s: float | None = None

    def fits(self, found: FoundRep) -> bool:
        """``found`` is about this rep: its time (set by time) or its distance, within
        ``DISTANCE_TOLERANCE``."""
        if self.duration_s is not None:
            return abs(found.elapsed_s - self.duration_s) <= DISTANCE_TOLERANCE * self.duration_s
        return abs(found.distance_m - self.distance_m) <= DISTANCE_TOLERANCE * self.distance_m


@dataclass(frozen=True, slots=True)
class RepScore:
    """One planned rep and how it went (``found`` None: not run)."""

    number: int
    planned: PlannedRep
    found: FoundRep | None

    @property
    def target_s(self) -> tuple[float, float]:
        """The time range the target pace gives for the rep (set by time: the set time,
        which running it meets; its pace is what is scored)."""
        if self.planned.duration_s is not None:
            return self.planned.duration_s, self.planned.duration_s
        scale = self.planned.distance_m / METERS_PER_MILE
        return self.planned.fast_s_per_mile * scale, self.planned.slow_s_per_mile * scale

    @property
    def pace_s_per_mile(self) -> float | None:
        if self.found is None or self.found.distance_m <= 0:
            return None
        return self.found.elapsed_s / self.found.distance_m * METERS_PER_MILE

    @property
    def error_s_per_400m(self) -> float | None:
        """Seconds per 400 m outside the target range: negative too fast, positive too
        slow, 0 inside it."""
        return pacing_error(self.pace_s_per_mile, self.planned.fast_s_per_mile,
                            self.planned.slow_s_per_mile)

    @property
    def verdict(self) -> str:
        return verdict_of(self.error_s_per_400m)


def find_reps(time_s: NDArray[np.float64], distance_m: NDArray[np.float64],
              anchors_s: NDArray[np.float64] | None = None, *,
              on_track: bool = False) -> tuple[FoundRep, ...]:
    """The reps of a run, in order (none for a steady run). ``on_track``: the run was on a
    track, so a rep a few metres over a 200 m line ended on it (``segments.to_the_line``)."""
    import numpy as np

    from miler.domain.segments import segments, to_the_line

    keep = np.isfinite(time_s) & np.isfinite(distance_m)
    if keep.sum() < 2:
        return ()
    origin = float(time_s[keep][0])
    t, d = time_s[keep] - origin, distance_m[keep]
    parts = segments(t, d, anchors_s)
    if on_track:
        parts = to_the_line(t, np.maximum.accumulate(d), parts, anchors_s)
    fast = [k for k, s in enumerate(parts) if s.fast]
    out = []
    for n, k in enumerate(fast):
        rep = parts[k]
        recovery = parts[fast[n + 1]].start_s - rep.end_s if n + 1 < len(fast) else None
        out.append(FoundRep(rep.start_s, rep.elapsed_s, rep.distance_m, recovery))
    return tuple(out)


def planned_reps(session: SessionView) -> tuple[PlannedRep, ...]:
    """The session's work steps with a target pace, set by distance or by time, repeats
    unrolled, each with the recovery step that follows it (a step by effort alone, a hill
    or a stride, has no pace to score)."""
    flat = list(_unrolled(session.steps))
    out = []
    for i, step in enumerate(flat):
        if step.kind is not StepKind.WORK or not step.distance_m or step.pace is None:
            continue
        by_time = step.measure is not None and step.measure != "distance"
        if by_time and not step.duration_s:
            continue
        after = flat[i + 1] if i + 1 < len(flat) else None
        recovery = after.duration_s if after is not None and after.kind is StepKind.RECOVERY \
            else None
        out.append(PlannedRep(float(step.distance_m), float(step.pace.fast_s_per_mile),
                              float(step.pace.slow_s_per_mile), recovery,
                              float(step.duration_s) if by_time and step.duration_s else None))
    if out and out[-1].recovery_s is not None:
        out[-1] = replace(out[-1], recovery_s=None)
    return tuple(out)


def _unrolled(steps: Iterable[AnyStep]) -> Iterable[Step]:
    for step in steps:
        if isinstance(step, Repeat):
            for _ in range(step.times):
                yield from _unrolled(step.steps)
        else:
            yield step


def score_reps(found: Sequence[FoundRep], planned: Sequence[PlannedRep]) -> tuple[RepScore, ...]:
    """Each planned rep with the next found rep of about its distance (or its time, for a
    rep set by time), in order."""
    out = []
    k = 0
    for number, rep in enumerate(planned, start=1):
        match = None
        for j in range(k, len(found)):
            if rep.fits(found[j]):
                match, k = found[j], j + 1
                break
        out.append(RepScore(number, rep, match))
    return tuple(out)


def off_target(scores: Sequence[RepScore]) -> bool:
    """Every rep that was run was slower than its target (and at least one was run)."""
    run = [s for s in scores if s.found is not None]
    return bool(run) and all(s.verdict == "too slow" for s in run)


def scores_doc(scores: Sequence[RepScore]) -> list[dict[str, Any]]:
    """The scores as JSON values (stored with the activity)."""
    return [{"number": s.number, "distance_m": s.planned.distance_m,
             "target_s": list(s.target_s),
             "target_s_per_mile": [s.planned.fast_s_per_mile, s.planned.slow_s_per_mile],
             "time_s": s.found.elapsed_s if s.found else None,
             "run_distance_m": s.found.distance_m if s.found else None,
             "pace_s_per_mile": s.pace_s_per_mile,
             "error_s_per_400m": s.error_s_per_400m,
             "recovery_s": s.found.recovery_s if s.found else None,
             "planned_recovery_s": s.planned.recovery_s,
             "set_s": s.planned.duration_s,
             "verdict": s.verdict} for s in scores]


def found_in_doc(doc: Mapping[str, Any]) -> tuple[FoundRep, ...]:
    """The reps found, as the ``miler.activity/1`` document keeps them (``reps``)."""
    out = []
    for rep in doc.get("reps") or ():
        recovery = rep.get("recovery_s")
        out.append(FoundRep(float(rep["start_s"]), float(rep["elapsed_s"]),
                            float(rep["distance_m"]),
                            None if recovery is None else float(recovery)))
    return tuple(out)


def score_session(doc: Mapping[str, Any], session: SessionView) -> tuple[RepScore, ...]:
    """The reps of an activity document scored against a planned session's (none when the
    session is no hard session, or has no reps with a target pace: an easy run's one step
    is no rep)."""
    planned = planned_reps(session) if session.is_hard else ()
    return score_reps(found_in_doc(doc), planned) if planned else ()


@dataclass(frozen=True, slots=True)
class Rep:
    """One planned rep and the lap that ran it (None when no lap matched)."""

    number: int
    distance_m: float
    target_fast_s_per_mile: float
    target_slow_s_per_mile: float
    pace_s_per_mile: float | None

    @classmethod
    def from_score(cls, score: Mapping[str, Any]) -> Rep:
        """A rep as the import scored and stored it (``rep_scores`` of the activity)."""
        fast, slow = score["target_s_per_mile"]
        pace = score.get("pace_s_per_mile")
        return cls(int(score["number"]), float(score["distance_m"]), float(fast), float(slow),
                   None if pace is None else float(pace))

    @property
    def error_s_per_400m(self) -> float | None:
        """Seconds per 400 m outside the target range (negative: too fast; 0 inside)."""
        return pacing_error(self.pace_s_per_mile, self.target_fast_s_per_mile,
                            self.target_slow_s_per_mile)

    @property
    def verdict(self) -> str:
        return verdict_of(self.error_s_per_400m)


def rep_report(laps: Sequence[tuple[float, float]],
               planned: Sequence[tuple[float, float, float]]) -> tuple[Rep, ...]:
    """Each planned rep (distance m, fast and slow s/mile) against a run's device laps
    (distance m, elapsed s), in order: the n-th lap of a planned rep's distance (within
    ``_LAP_TOLERANCE``) is the n-th rep. For runs stored before reps were found and scored
    (``score_session``)."""
    laps = [(d, t) for d, t in laps
            if any(abs(d - rep[0]) <= rep[0] * _LAP_TOLERANCE for rep in planned)]
    out = []
    for n, (distance, fast, slow) in enumerate(planned, start=1):
        lap = laps[n - 1] if n <= len(laps) else None
        pace = lap[1] * METERS_PER_MILE / lap[0] if lap else None
        out.append(Rep(n, distance, fast, slow, pace))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class RepsSummary:
    """Reps against targets over the block: how many planned, run, on target, too slow,
    too fast, and the mean pacing error of those off target (seconds per 400 m)."""

    planned: int
    run: int
    on_target: int
    too_slow: int
    too_fast: int
    mean_error_s_per_400m: float | None

    @property
    def text(self) -> str:
        """In one line, for the CLI and the web page."""
        return reps_line(self.planned, self.run, self.on_target, self.too_slow,
                         self.too_fast, self.mean_error_s_per_400m)


def reps_summary(reps: Iterable[Rep]) -> RepsSummary:
    reps = list(reps)
    run = [r for r in reps if r.pace_s_per_mile is not None]
    verdicts = [r.verdict for r in run]
    off = [e for r in run if (e := r.error_s_per_400m) is not None and e != 0]
    return RepsSummary(len(reps), len(run), verdicts.count("on target"),
                       verdicts.count("too slow"), verdicts.count("too fast"),
                       sum(off) / len(off) if off else None)
