"""The catalogue of real files the adapter tests run over.

Expected counts and distances come from ``../shared/corpus/manifest.json``, which was made
with fitdecode, ElementTree and gpxpy, independently of miler; what miler reads differently
on purpose is listed in ``DIFFERENT`` with the reason.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from tests.conftest import CORPUS


@cache
def manifest() -> list[dict[str, Any]]:
    path = CORPUS / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def entries(fmt: str, running: bool | None = None, corrupt: bool = False) -> list[str]:
    return [e["path"] for e in manifest() if e["format"] == fmt and bool(e["corrupt"]) == corrupt
            and (running is None or bool(e.get("running")) == running)]


def entry(path: str) -> dict[str, Any]:
    return next(e for e in manifest() if e["path"] == path)


#: Files miler reads differently from the manifest's decoder, and why (samples kept, note).
DIFFERENT: dict[str, tuple[int, str]] = {
    "fit/muktihari-fit/chained_Activity_activity_poolswim.fit": (
        3601, "two activities chained: the pool swim's 24 records fall before the paddle's "
        "times and are dropped as times going backwards"),
    "fit/goldencheetah/2013-04-11-17-32-50.fit": (
        1802, "14 records carry a clock 2 years off; they are dropped, the other 1802 kept"),
    "fit/python-fitparse/activity-large-fenxi2-multisport.fit": (
        24237, "2 records whose time goes backwards are dropped"),
}

#: Where fitdecode is known to be wrong, miler does not follow it.
FITDECODE_WRONG: dict[str, str] = {
    "fit/python-fitparse/null_compressed_speed_dist.fit":
        "fitdecode expands the all-invalid compressed_speed_distance into distance and speed, "
        "wiping the real distance field; miler keeps field 5 (distance) and ignores the "
        "invalid packed value",
}

#: Broken files: (what lenient reading keeps and says, what strict reading refuses with).
CORRUPT: dict[str, tuple[int, str, str]] = {
    "fit/python-fitparse/activity-activity-filecrc.fit": (
        15, "CRC does not match", "CRC does not match its data"),
    "fit/python-fitparse/activity-filecrc.fit": (
        14, "CRC does not match", "CRC does not match its data"),
    "fit/python-fitparse/activity-settings-corruptheader.fit": (
        14, "are not a FIT file; they were ignored", "are not a FIT file"),
    "fit/python-fitparse/activity-settings-nodata.fit": (
        14, "cut short (67 bytes missing)", "cut short"),
    "fit/python-fitparse/activity-unexpected-eof.fit": (
        14, "cut short (3 bytes missing)", "cut short"),
    "fit/python-fitparse/nick.fit": (
        14391, "CRC does not match", "CRC does not match its data"),
    "fit/python-fitparse/strava-android-app-201.10-b1218918.fit": (
        473, "cut short (19 bytes missing)", "cut short"),
    "fit/sports-lib/broken.fit": (
        2319, "header declares no data", "header declares no data"),
}
