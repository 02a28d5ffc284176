"""GPX and TCX files into an ``Activity``, with the standard library's ElementTree.

Why not lxml or defusedxml: ElementTree ships with Python and is fast enough here (expat in C),
and the attacks on XML parsers are covered without another dependency: expat 2.4.1 and later
(Python 3.11 bundles 2.5+) limits entity amplification, ElementTree never fetches external
entities, and an activity file has no business declaring entities at all, so a file that does
is refused before parsing. Namespaces differ between writers (GPX 1.0/1.1, Garmin's and
others' extensions), so elements are matched by local name.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Final

import numpy as np

from miler.domain.activity import Activity, Lap, Session, gps_distance_m, steady_times
from miler.errors import ActivityFileError, CorruptFileError

__all__ = ["GUESSED_SPORT", "read_gpx", "read_tcx"]

#: Nothing a GPS recorded can be older than the GPS epoch (1980-01-06); 1901-12-13 is a
#: writer's zero (the 32-bit time minimum), not a date.
GPS_EPOCH: Final = datetime(1980, 1, 6, tzinfo=UTC).timestamp()
_TCX_SPORTS: Final = {"running": "running", "biking": "cycling", "other": "generic"}
#: GPX <type> words (Garmin Connect, Strava: 9 is Run, 1 Ride, 10 Walk) to FIT sport names.
_GPX_SPORTS: Final = (("run", "running"), ("9", "running"), ("bik", "cycling"),
                      ("cycl", "cycling"), ("ride", "cycling"), ("1", "cycling"),
                      ("walk", "walking"), ("10", "walking"), ("hik", "hiking"),
                      ("swim", "swimming"))
#: A file naming no sport is taken as a run when its median moving speed is a running one.
_RUNNING_SPEED_M_S: Final = (1.7, 5.0)


def _parse(data: bytes, name: str) -> ET.Element:
    if b"<!ENTITY" in data:
        raise ActivityFileError(name, "declares XML entities, which no activity file needs; "
                                      "refused for safety")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise CorruptFileError(name, f"not well-formed XML ({exc})") from exc
    except LookupError as exc:  # the XML declaration names an encoding Python does not know
        raise CorruptFileError(name, f"not readable XML ({exc})") from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(parent: ET.Element, local: str) -> Iterator[ET.Element]:
    return (child for child in parent if _local(child.tag) == local)


def _child_text(parent: ET.Element, *path: str) -> str | None:
    node: ET.Element | None = parent
    for local in path:
        node = next(_children(node, local), None) if node is not None else None
    return node.text.strip() if node is not None and node.text else None


def _number(text: str | None) -> float:
    try:
        value = float(text) if text else math.nan
    except ValueError:  # "undefined" and other writers' placeholders
        return math.nan
    return value if math.isfinite(value) else math.nan


def _time(text: str | None) -> float:
    if not text:
        return math.nan
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return math.nan
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


_LOWER_LOCAL: dict[str, str] = {}  # tag -> lower-case local name; files reuse a few dozen tags


def _texts(point: ET.Element) -> dict[str, str]:
    """Every element under a point by lower-case local name (first one wins), in one pass."""
    found: dict[str, str] = {}
    names = _LOWER_LOCAL
    for node in point.iter():
        if node.text:
            tag = node.tag
            name = names.get(tag)
            if name is None:
                name = names[tag] = tag.rsplit("}", 1)[-1].lower()
            found.setdefault(name, node.text)
    return found


def _first_number(texts: dict[str, str], *names: str) -> float:
    for name in names:
        if name in texts:
            return _number(texts[name])
    return math.nan


class _Points:
    """Columns gathered point by point from the XML, then turned into arrays once."""

    def __init__(self) -> None:
        self.cols: dict[str, list[float]] = {k: [] for k in (
            "t", "lat", "lon", "altitude", "distance_m", "heart_rate", "cadence", "speed_m_s")}
        self.segments: list[int] = []  # index of each segment's (track's) first point

    def new_segment(self) -> None:
        self.segments.append(len(self))

    def add(self, **values: float) -> None:
        for key, column in self.cols.items():
            column.append(values.get(key, math.nan))

    def __len__(self) -> int:
        return len(self.cols["t"])

    def first_time(self) -> float:
        timed = [t for t in self.cols["t"] if t >= GPS_EPOCH]
        return min(timed) if timed else math.nan

    def build(self, name: str, sport: str, strict: bool, warnings: list[str],
              **extra: object) -> Activity:
        cols = {k: np.asarray(v, dtype=np.float64) for k, v in self.cols.items()}
        t = cols.pop("t")
        bogus = t < GPS_EPOCH
        if bogus.any():
            if strict:
                raise CorruptFileError(name, f"{int(bogus.sum())} points have times before "
                                             "1980, which no GPS recorded")
            warnings.append(f"{int(bogus.sum())} points with impossible times (before 1980) "
                            "kept their place but lost their time")
            t[bogus] = np.nan
        if not np.isfinite(cols["distance_m"]).any() and np.isfinite(cols["lat"]).sum() > 1:
            starts = np.zeros(t.size, dtype=bool)
            starts[[k for k in self.segments if k < t.size]] = True
            cols["distance_m"] = gps_distance_m(t, cols["lat"], cols["lon"], starts)
        keep = _drop_unsteady(t, name, strict, warnings)
        cols = {k: v[keep] for k, v in cols.items()}
        timed = t[keep][np.isfinite(t[keep])]
        start = timed[0] if timed.size else math.nan
        cols["time_s"] = t[keep] - start
        when = datetime.fromtimestamp(start, UTC) if math.isfinite(start) else None
        return Activity.from_columns(name, sport, dict(cols), start_time=when,
                                     warnings=tuple(warnings), **extra)  # type: ignore[arg-type]


def _drop_unsteady(t: np.ndarray, name: str, strict: bool, warnings: list[str]) -> np.ndarray:
    keep = np.ones(t.size, dtype=bool)
    timed = np.flatnonzero(np.isfinite(t))
    steady = steady_times(t[timed])
    if not steady.all():
        if strict:
            raise CorruptFileError(name, "point times go backwards")
        warnings.append(f"{int((~steady).sum())} points whose time went backwards were dropped")
        keep[timed[~steady]] = False
    return keep


def read_gpx(data: bytes, name: str, strict: bool = False) -> Activity:
    root = _parse(data, name)
    if _local(root.tag) != "gpx":
        raise ActivityFileError(name, "not a GPX file (no <gpx> root)")
    points = _Points()
    kinds = []
    for track in _children(root, "trk"):
        kinds.append(_child_text(track, "type") or "")
        for segment in _children(track, "trkseg"):
            points.new_segment()
            for point in _children(segment, "trkpt"):
                texts = _texts(point)
                points.add(t=_time(texts.get("time")),
                           lat=_number(point.get("lat")), lon=_number(point.get("lon")),
                           altitude=_first_number(texts, "ele"),
                           heart_rate=_first_number(texts, "hr", "heartrate"),
                           cadence=_first_number(texts, "cad", "cadence"))
    if not len(points):
        raise ActivityFileError(name, "no track points (a route or waypoints, not an activity)")
    warnings: list[str] = []
    device = root.get("creator") or None
    activity = points.build(name, _gpx_sport(kinds), strict, warnings, device=device)
    return _guess_running(activity) if not any(kinds) else activity


def _gpx_sport(kinds: list[str]) -> str:
    for kind in kinds:
        word = kind.strip().lower()
        for key, sport in _GPX_SPORTS:
            if word == key or (not key.isdigit() and key in word):
                return sport
    return "generic"


#: The start of the warning on a GPX whose sport was guessed (a catalogue's type replaces it).
GUESSED_SPORT: Final = "the file names no sport: taken as a run from its pace"


def _guess_running(activity: Activity) -> Activity:
    """A GPX that names no sport: a run if it moved at a running pace, else left generic."""
    t, d = activity.time_s, activity.distance_m
    ok = np.isfinite(t) & np.isfinite(d)
    if ok.sum() < 10:
        return activity
    with np.errstate(invalid="ignore", divide="ignore"):
        speed = np.diff(d[ok]) / np.diff(t[ok])
    moving = speed[np.isfinite(speed) & (speed > 0.5)]
    if not moving.size:
        return activity
    median = float(np.median(moving))
    low, high = _RUNNING_SPEED_M_S
    if not low <= median <= high:
        return activity
    note = f"{GUESSED_SPORT} ({median:.2f} m/s)"
    return Activity.from_columns(
        activity.source, "running", {k: getattr(activity, k) for k in (
            "time_s", "distance_m", "speed_m_s", "heart_rate", "cadence", "lat", "lon",
            "altitude")},
        start_time=activity.start_time, device=activity.device,
        warnings=(*activity.warnings, note))


def read_tcx(data: bytes, name: str, strict: bool = False) -> Activity:
    root = _parse(data, name)
    if _local(root.tag) != "TrainingCenterDatabase":
        raise ActivityFileError(name, "not a TCX file (no <TrainingCenterDatabase> root)")
    # Multisport files nest each sport's Activity under MultiSportSession/FirstSport|NextSport;
    # every Activity shares the root's namespace, so ElementTree can find them by tag.
    namespace = root.tag[:root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    activities = list(root.iter(namespace + "Activity"))
    if not activities:
        raise ActivityFileError(name, "no activity in this TCX file (a course or workout)")
    points = _Points()
    raw_laps: list[tuple[float, float, float]] = []
    raw_sessions: list[tuple[str, list[tuple[float, float, float]]]] = []
    for activity in activities:
        sport = _TCX_SPORTS.get((activity.get("Sport") or "other").lower(), "generic")
        first = len(raw_laps)
        for lap in _children(activity, "Lap"):
            raw_laps.append(_tcx_lap(lap, points))
        raw_sessions.append((sport, raw_laps[first:]))
    device = _child_text(activities[0], "Creator", "Name")
    warnings: list[str] = []
    t0 = points.first_time()
    t0 = t0 if math.isfinite(t0) else _first_time(raw_laps)
    sessions = tuple(_session(sport, laps, t0) for sport, laps in raw_sessions)
    sports = {s.sport for s in sessions}
    return points.build(
        name, sports.pop() if len(sports) == 1 else "multisport", strict, warnings,
        laps=tuple(Lap(start - t0, elapsed, dist, elapsed) for start, elapsed, dist in raw_laps),
        sessions=sessions, device=device,
        timer_s=sum(elapsed for _, elapsed, _ in raw_laps) or None)


def _tcx_lap(lap: ET.Element, points: _Points) -> tuple[float, float, float]:
    for track in _children(lap, "Track"):
        points.new_segment()
        for point in _children(track, "Trackpoint"):
            texts = _texts(point)
            points.add(t=_time(texts.get("time")),
                       lat=_first_number(texts, "latitudedegrees"),
                       lon=_first_number(texts, "longitudedegrees"),
                       altitude=_first_number(texts, "altitudemeters"),
                       distance_m=_first_number(texts, "distancemeters"),
                       heart_rate=_first_number(texts, "value"),
                       cadence=_first_number(texts, "cadence", "runcadence"),
                       speed_m_s=_first_number(texts, "speed"))
    return (_time(lap.get("StartTime")), _number(_child_text(lap, "TotalTimeSeconds")),
            _number(_child_text(lap, "DistanceMeters")))


def _first_time(laps: Iterable[tuple[float, float, float]]) -> float:
    starts = [start for start, _, _ in laps if math.isfinite(start)]
    return min(starts) if starts else 0.0


def _session(sport: str, laps: list[tuple[float, float, float]], t0: float) -> Session:
    start = _first_time(laps)
    elapsed = sum(e for _, e, _ in laps if math.isfinite(e))
    distance = sum(d for _, _, d in laps if math.isfinite(d))
    return Session(sport, None, start - t0, elapsed, distance, elapsed)
