"""FIT activity files into an ``Activity``: records, laps, sessions, sport, device, start time.

Field numbers, scales and offsets are those of the FIT profile (record 20, lap 19, session 18,
sport 12, file_id 0). Invalid sentinels are missing values, never data: no 255 bpm, no 180°
latitude. Enhanced speed and altitude are preferred to the 16-bit ones; the old
``compressed_speed_distance`` field (footpods, FR60/FR70) is decoded and used only for
records without a real ``distance``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Final

import numpy as np

from miler.adapters.files.fit_names import FILE_TYPES, MANUFACTURERS, SPORTS, SUB_SPORTS
from miler.adapters.files.fit_scan import FitMessages, FloatArray, decode_fit
from miler.domain.activity import Activity, Lap, Session, steady_times
from miler.errors import ActivityFileError

__all__ = ["FIT_EPOCH", "read_fit"]

#: FIT times count seconds from 1989-12-31 00:00:00 UTC.
FIT_EPOCH: Final = datetime(1989, 12, 31, tzinfo=UTC)
#: Times below this are seconds since the device powered on, not a date (FIT protocol).
_SYSTEM_TIME_MAX: Final = 0x10000000
_SEMICIRCLE_DEG: Final = 180.0 / 2**31

_RECORD: Final = {253: "t", 0: "lat", 1: "lon", 2: "altitude", 3: "heart_rate", 4: "cadence",
                  5: "distance", 6: "speed", 8: "csd", 53: "fractional_cadence",
                  73: "enhanced_speed", 78: "enhanced_altitude"}
_LAP: Final = {253: "t", 2: "start", 7: "elapsed", 8: "timer", 9: "distance"}
_SESSION: Final = {253: "t", 2: "start", 5: "sport", 6: "sub_sport", 7: "elapsed", 8: "timer",
                   9: "distance"}
_FILE_ID: Final = {0: "type", 1: "manufacturer", 2: "product", 4: "time_created"}


def read_fit(data: bytes, path: str, strict: bool = False) -> Activity:
    """Decode FIT bytes; broken parts are salvaged with warnings, or refused when ``strict``."""
    messages = decode_fit(data, path, strict)
    _check_kind(messages, path)
    rec = _records(messages)
    times = rec["t"]
    t0 = float(times[0]) if times.size else _first_time(messages)
    sessions = _sessions(messages, t0)
    sport, sub_sport = _sport(messages, sessions)
    return Activity.from_columns(
        path, sport, _channels(rec, t0),
        sub_sport=sub_sport, start_time=_date(t0), laps=_laps(messages, t0),
        sessions=sessions, device=_device(messages),
        timer_s=_sum(s.timer_s for s in sessions), warnings=tuple(messages.warnings),
        utc_offset_s=_utc_offset(messages))


def _check_kind(messages: FitMessages, path: str) -> None:
    kinds = messages.columns(0, {0: "type"})["type"]
    known = [int(k) for k in kinds if np.isfinite(k)]
    if known and 4 not in known and messages.count(20) == 0:
        name = FILE_TYPES.get(known[0], f"type {known[0]}")
        raise ActivityFileError(path, f"a FIT {name} file, not an activity")
    if messages.count(20) == 0 and messages.count(19) == 0 and messages.count(18) == 0:
        raise ActivityFileError(path, "no activity in this FIT file (no records, laps or "
                                      "sessions)")


def _records(messages: FitMessages) -> dict[str, FloatArray]:
    """Record columns with a usable, never decreasing time; what was dropped is noted."""
    rec = messages.columns(20, _RECORD)
    t = rec["t"]
    keep = np.isfinite(t)
    if not keep.all():
        messages.warnings.append(f"{int((~keep).sum())} records without a time were dropped")
    index = np.flatnonzero(keep)
    steady = steady_times(t[index])
    if not steady.all():  # a clock that jumped: damage, so strict reading refuses it
        messages.problem(f"{int((~steady).sum())} records whose time jumped back or forth "
                         "against the rest were dropped")
    index = index[steady]
    return {name: column[index] for name, column in rec.items()}


def _channels(rec: dict[str, FloatArray], t0: float) -> dict[str, object]:
    lat = rec["lat"] * _SEMICIRCLE_DEG
    lon = rec["lon"] * _SEMICIRCLE_DEG
    bad = ~((np.abs(lat) <= 90) & (np.abs(lon) <= 180))  # no 180° latitude, NaN stays NaN
    lat[bad] = lon[bad] = np.nan
    heart_rate = np.where(rec["heart_rate"] > 0, rec["heart_rate"], np.nan)
    cadence = rec["cadence"] + np.nan_to_num(rec["fractional_cadence"] / 128.0)
    distance, speed = _distance_speed(rec)
    altitude = _prefer(rec["enhanced_altitude"], rec["altitude"]) / 5.0 - 500.0
    return {"time_s": rec["t"] - t0, "distance_m": distance, "speed_m_s": speed,
            "heart_rate": heart_rate, "cadence": cadence, "lat": lat, "lon": lon,
            "altitude": altitude}


def _distance_speed(rec: dict[str, FloatArray]) -> tuple[FloatArray, FloatArray]:
    """Distance (m) and speed (m/s): real fields first, compressed_speed_distance for the rest."""
    distance = rec["distance"] / 100.0
    speed = _prefer(rec["enhanced_speed"], rec["speed"]) / 1000.0
    packed = rec["csd"]
    if np.isfinite(packed).any():
        csd_speed, csd_distance = _unpack_csd(packed)
        speed = _prefer(speed, csd_speed)
        distance = _prefer(distance, csd_distance)
    return distance, speed


def _unpack_csd(packed: FloatArray) -> tuple[FloatArray, FloatArray]:
    """compressed_speed_distance: 12 bits speed (1/100 m/s), 12 bits rolling distance (1/16 m).

    The three bytes arrive as one little-endian number (FIT profile, record field 8).
    """
    known = np.isfinite(packed)
    raw = np.where(known, packed, 0).astype(np.int64)
    speed = np.where(known, (raw & 0xFFF) / 100.0, np.nan)
    ticks = raw >> 12  # distance in 1/16 m, rolling over every 4096 ticks (256 m)
    step = np.diff(ticks[known]) % 4096
    distance = np.full(packed.size, np.nan)
    distance[known] = np.concatenate(([0.0], np.cumsum(step) / 16.0))
    return speed, distance


def _prefer(first: FloatArray, second: FloatArray) -> FloatArray:
    return np.where(np.isfinite(first), first, second)


def _laps(messages: FitMessages, t0: float) -> tuple[Lap, ...]:
    cols = messages.columns(19, _LAP)
    laps = []
    for start, end, elapsed, timer, distance in zip(
            cols["start"].tolist(), cols["t"].tolist(), cols["elapsed"].tolist(),
            cols["timer"].tolist(), cols["distance"].tolist(), strict=True):
        begin = start if start == start else end - elapsed / 1000.0
        laps.append(Lap(_offset(begin, t0), _num(elapsed, 1000.0) or 0.0,
                        _num(distance, 100.0) or 0.0, _num(timer, 1000.0)))
    return tuple(sorted(laps, key=lambda lap: lap.start_offset_s))


def _sessions(messages: FitMessages, t0: float) -> tuple[Session, ...]:
    cols = messages.columns(18, _SESSION)
    sessions = []
    for k in range(cols["sport"].size):
        sport = _name(SPORTS, cols["sport"][k]) or "generic"
        sessions.append(Session(sport, _name(SUB_SPORTS, cols["sub_sport"][k]),
                                _offset(float(cols["start"][k]), t0),
                                _num(float(cols["elapsed"][k]), 1000.0) or 0.0,
                                _num(float(cols["distance"][k]), 100.0),
                                _num(float(cols["timer"][k]), 1000.0)))
    return tuple(sorted(sessions, key=lambda s: s.start_offset_s))


def _sport(messages: FitMessages, sessions: tuple[Session, ...]) -> tuple[str, str | None]:
    sports = {s.sport for s in sessions}
    if len(sports) > 1:
        return "multisport", None
    if sessions:
        return sessions[0].sport, sessions[0].sub_sport
    cols = messages.columns(12, {0: "sport", 1: "sub_sport"})
    if cols["sport"].size:
        return (_name(SPORTS, cols["sport"][0]) or "generic",
                _name(SUB_SPORTS, cols["sub_sport"][0]))
    return "generic", None


def _device(messages: FitMessages) -> str | None:
    cols = messages.columns(0, _FILE_ID)
    if not cols["manufacturer"].size:
        return None
    maker = _name(MANUFACTURERS, cols["manufacturer"][0]) or "unknown"
    names = [n for n in messages.strings(0, 8) if n]
    product = cols["product"][0]
    model = names[0] if names else (str(int(product)) if np.isfinite(product) else "")
    return f"{maker} {model}".strip()


def _utc_offset(messages: FitMessages) -> float | None:
    """The watch's local time minus UTC, from the activity message (field 5, local_timestamp);
    only whole quarter hours within a day are believed."""
    cols = messages.columns(34, {253: "t", 5: "local"})
    offsets = (cols["local"] - cols["t"])[np.isfinite(cols["local"] - cols["t"])]
    if not offsets.size:
        return None
    offset = float(offsets[0])
    return offset if abs(offset) <= 14 * 3600 and offset % 900 == 0 else None


def _first_time(messages: FitMessages) -> float:
    for number, fields in ((18, {2: "t"}), (19, {2: "t"}), (0, {4: "t"})):
        found = messages.columns(number, fields)["t"]
        found = found[np.isfinite(found)]
        if found.size:
            return float(found.min())
    return float("nan")


def _date(fit_time: float) -> datetime | None:
    if not np.isfinite(fit_time) or fit_time < _SYSTEM_TIME_MAX:
        return None
    return FIT_EPOCH + timedelta(seconds=fit_time)


def _offset(fit_time: float, t0: float) -> float:
    return float(fit_time - t0) if np.isfinite(fit_time) and np.isfinite(t0) else 0.0


def _num(value: float, scale: float) -> float | None:
    return value / scale if value == value else None


def _name(names: dict[int, str], value: float) -> str | None:
    if not np.isfinite(value):
        return None
    return names.get(int(value), str(int(value)))


def _sum(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return float(sum(known)) if known else None
