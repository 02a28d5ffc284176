"""Whatever is done to a real file, reading it gives an Activity or one clear error."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from miler.adapters.files import read_activity_bytes
from miler.domain.activity import Activity
from miler.errors import ActivityFileError

DATA = Path(__file__).resolve().parents[1] / "data"
FIT = (DATA / "track-fenix6.fit").read_bytes()
TCX = (DATA / "fr410.tcx").read_bytes()


@st.composite
def _damaged(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    how = draw(st.sampled_from(["cut", "flip", "drop"]))
    if how == "cut":
        return bytes(data[:draw(st.integers(0, len(data) - 1))])
    if how == "drop":
        at = draw(st.integers(0, len(data) - 1))
        return bytes(data[:at] + data[at + draw(st.integers(1, 64)):])
    for _ in range(draw(st.integers(1, 16))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


def _read(data: bytes, name: str, strict: bool = False) -> Activity | ActivityFileError:
    """The activity, or the one error miler means to raise (anything else propagates)."""
    try:
        return read_activity_bytes(data, name, strict=strict)
    except ActivityFileError as exc:
        return exc


@given(_damaged(FIT), st.booleans())
def test_a_damaged_fit_file_never_crashes_the_reader(data: bytes, strict: bool) -> None:
    found = _read(data, "damaged.fit", strict)
    if isinstance(found, ActivityFileError):
        assert str(found).startswith("damaged.fit: ")
    else:
        times = found.time_s[np.isfinite(found.time_s)]
        assert (np.diff(times) >= 0).all()


@given(_damaged(TCX))
def test_a_damaged_tcx_file_never_crashes_the_reader(data: bytes) -> None:
    found = _read(data, "damaged.tcx")
    if isinstance(found, ActivityFileError):
        assert str(found).startswith("damaged.tcx: ")
