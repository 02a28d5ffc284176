"""``analyze``: one activity file read and measured."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from miler.domain.activity import Activity, Split, km_splits, splits
from miler.domain.efforts import BestEffort, EffortSearch, MileTest, recognise_mile_test
from miler.domain.plan_view import SessionView
from miler.domain.reps import FoundRep, RepScore, find_reps, off_target, scores_doc
from miler.domain.sports import RUN_SPORTS
from miler.domain.track import TrackPart, correct_track

if TYPE_CHECKING:
    from miler.services.ports import Storage

__all__ = ["Analysis", "activity_doc", "analyze", "analyze_file", "analyze_for"]


@dataclass(frozen=True, slots=True)
class Analysis:
    """What one activity shows: the activity, its best efforts, splits and any test mile."""

    activity: Activity
    best_efforts: dict[str, BestEffort]
    mile_splits: tuple[Split, ...]
    km_splits: tuple[Split, ...]
    mile_test: MileTest | None
    track: TrackPart | None = None
    reps: tuple[FoundRep, ...] = ()
    session: SessionView | None = None  # the planned session it ran (``analyze_for``)
    rep_scores: tuple[RepScore, ...] = ()  # its reps against the session's
    #: the measured run made searchable for best efforts: the fitness efforts reuse it
    search: EffortSearch | None = field(default=None, repr=False, compare=False)

    @property
    def distance_m(self) -> float:
        """The schema's distance: the running part of a multisport file, else all of it;
        with the on-track part corrected to the lane when the run was on a track."""
        raw = self.activity.headline_distance_m
        if self.track is None:
            return raw
        return raw + self.track.track_distance_m - self.track.gps_distance_m

    @property
    def measured(self) -> Activity:
        """The activity as measured: on a standard track, its distance column corrected to
        the runner's lane (best efforts, splits, reps and the fitness efforts read it)."""
        if self.track is None:
            return self.activity
        return replace(self.activity, distance_m=self.track.distance_m)


def analyze(activity: Activity) -> Analysis:
    """Best efforts, splits and any test mile; on a standard track, from the distance
    corrected to the runner's lane (``domain/track.py``), the device's laps left as they are."""
    track = _track(activity)
    measured = activity if track is None else replace(activity, distance_m=track.distance_m)
    search = EffortSearch.of(measured)
    efforts = search.best() if search is not None else {}
    running = activity.sport == "running"
    return Analysis(activity, efforts, splits(measured) if running else (),
                    km_splits(measured) if running else (),
                    recognise_mile_test(measured, efforts), track,
                    find_reps(measured.time_s, measured.distance_m, _anchors(activity),
                              on_track=track is not None) if running else (), search=search)


def _anchors(activity: Activity) -> np.ndarray:
    return np.array([lap.start_offset_s for lap in activity.laps], dtype=np.float64)


def _track(activity: Activity) -> TrackPart | None:
    if activity.sport != "running" or activity.samples < 2:
        return None
    origin = activity.time_s[0]
    return correct_track(activity.time_s - origin, activity.distance_m, activity.lat,
                         activity.lon, _anchors(activity),
                         track_mode=activity.sub_sport == "track")


def analyze_file(path: str | Path, strict: bool = False) -> Analysis:
    from miler.adapters.files import read_activity

    return analyze(read_activity(path, strict=strict))


def analyze_for(store: Storage, name: str | None, path: str | Path,
                strict: bool = False) -> Analysis:
    """:func:`analyze_file`, with the reps scored against the planned session of the run's
    day that it matches (done or not: the file may be imported already). The file is read
    first, then one read-only transaction."""
    from miler.domain.progress import Run
    from miler.domain.reps import score_session
    from miler.services.coaching import the_athlete_in
    from miler.services.training import matched_session
    from miler.timezones import local_day

    found = analyze_file(path, strict=strict)
    a = found.activity
    if a.sport not in RUN_SPORTS:
        return found
    doc = activity_doc(found)
    with store.transaction() as repo:
        name = the_athlete_in(repo, name)
        tz = repo.athlete(name).profile.get("tz")
        day = local_day(a.start_time, tz) if tz and a.start_time else a.local_date
        session = None if day is None else matched_session(
            repo, name, Run.from_doc("file", day, doc), open_only=False)
    if session is None:
        return found
    return replace(found, session=session, rep_scores=score_session(doc, session))


def _iso(analysis: Analysis) -> str | None:
    start = analysis.activity.start_time
    return start.strftime("%Y-%m-%dT%H:%M:%SZ") if start else None


def activity_doc(analysis: Analysis) -> dict[str, Any]:
    """The document of activity.schema.json (miler.activity/1), plus a few extra fields."""
    a = analysis.activity
    return {
        "schema": "miler.activity/1",
        "source": a.source,
        "sport": a.sport,
        "sub_sport": a.sub_sport,
        "device": a.device,
        "start_time": _iso(analysis),
        "utc_offset_s": a.utc_offset_s,
        "distance_m": round(analysis.distance_m, 3),
        "elapsed_s": a.elapsed_s,
        "moving_s": a.moving_s,
        "samples": a.samples,
        "laps": [{"distance_m": lap.distance_m, "elapsed_s": lap.elapsed_s,
                  "start_offset_s": lap.start_offset_s, "timer_s": lap.timer_s}
                 for lap in a.laps],
        "best_efforts": {name: {"distance_m": e.distance_m, "elapsed_s": e.elapsed_s,
                                "start_offset_s": e.start_offset_s,
                                "avg_heart_rate": e.avg_heart_rate}
                         for name, e in analysis.best_efforts.items()},
        "splits_mile": [_split_doc(s) for s in analysis.mile_splits],
        "splits_km": [_split_doc(s) for s in analysis.km_splits],
        "mile_test": None if analysis.mile_test is None else {
            "elapsed_s": analysis.mile_test.time_s,
            "start_offset_s": analysis.mile_test.start_offset_s,
            "reason": analysis.mile_test.reason},
        "warnings": list(a.warnings),
        "track": None if analysis.track is None else _track_doc(analysis.track),
        "reps": [{"start_s": r.start_s, "elapsed_s": r.elapsed_s, "distance_m": r.distance_m,
                  "recovery_s": r.recovery_s} for r in analysis.reps],
        "planned_session": None if analysis.session is None else {
            "id": analysis.session.id, "title": analysis.session.title,
            "off_target": off_target(analysis.rep_scores)},
        "rep_scores": scores_doc(analysis.rep_scores),
        "fitness": _fitness_doc(analysis),
    }


def _fitness_doc(analysis: Analysis) -> dict[str, Any]:
    """The hard stretches of the run, kept so a stored run can feed the fitness estimate
    (``domain.fitness``) without its samples. An extra field of miler.activity/1."""
    from datetime import date

    from miler.domain.fitness_efforts import run_efforts

    measured = analysis.measured  # a track run's corrected distance, as its best efforts
    found = run_efforts(measured, measured.local_date or date(1980, 1, 6),
                        search=analysis.search)
    return {"moving_speed_m_s": found.moving_speed_m_s,
            "efforts": [c.to_doc() for c in found.candidates]}


def _track_doc(track: TrackPart) -> dict[str, Any]:
    return {"laps": [{"index": lap.index, "start_s": round(lap.start_s, 2),
                      "split_s": round(lap.split_s, 2), "distance_m": round(lap.distance_m, 2)}
                     for lap in track.laps],
            "lane": track.lane,
            "distance_m": round(track.track_distance_m, 2),
            "gps_distance_m": round(track.gps_distance_m, 2),
            "splits_200m_s": [round(s, 2) for s in track.splits_200m]}


def _split_doc(split: Split) -> dict[str, float]:
    return {"number": split.number, "distance_m": split.distance_m,
            "elapsed_s": split.elapsed_s}
