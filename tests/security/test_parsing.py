"""Hostile files stay bounded (issue 17): sizes, counts, distances and the FIT tables."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import numpy as np
import pytest

import miler.adapters.files as files
import miler.adapters.files.fit_scan as fit_scan
import miler.adapters.files.walk as walk_module
from miler.adapters.files import read_activity_bytes
from miler.adapters.files.walk import walk
from miler.domain.activity import MAX_SPLITS, Activity, splits
from miler.errors import ActivityFileError, CorruptFileError
from tests.security.hostile import definition as _definition
from tests.security.hostile import fit as _fit
from tests.security.hostile import tcx_distance_jump


def test_local_type_3_compressed_timestamps_read_after_redefinitions() -> None:
    # Regression: the table of sizes for compressed-timestamp headers of local type 3 was
    # assigned to an empty slice, so it grew with every definition (quadratic) and headers
    # 0xE0-0xFF stayed unknown. Redefine local 3 many times; every message must be found.
    data = b"".join(_definition(3) + bytes([0xE0 | (k % 32), 120 + k % 50]) for k in range(500))
    messages = fit_scan.decode_fit(_fit(data), "redefine.fit", strict=True)
    assert messages.count(20) == 500


def test_fit_message_count_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fit_scan, "MAX_FIT_MESSAGES", 50)
    data = _definition(0) + b"".join(bytes([0x00, 140]) for _ in range(200))
    lenient = fit_scan.decode_fit(_fit(data), "many.fit")
    assert lenient.count(20) == 50
    with pytest.raises(CorruptFileError, match="more than 50 messages"):
        fit_scan.decode_fit(_fit(data), "many.fit", strict=True)


def test_a_gzip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_UNPACKED_BYTES", 1 << 20)
    bomb = gzip.compress(b"\0" * (2 << 20))
    with pytest.raises(ActivityFileError, match="unpacks to more than 1 MiB"):
        read_activity_bytes(bomb, "bomb.fit.gz")
    with pytest.raises(ActivityFileError, match="larger than 1 MiB"):
        read_activity_bytes(b"<?xml " + b" " * (2 << 20), "big.gpx")


def test_a_tcx_with_a_huge_distance_jump_is_bounded() -> None:
    # Issue 17: DistanceMeters jumping to 1e8 gave 62,000 splits and a 17 MB document.
    with pytest.raises(ActivityFileError, match="distance must be at most 1000 km"):
        read_activity_bytes(tcx_distance_jump(1e8), "jump.tcx")


def test_splits_are_capped_and_jumps_left_out() -> None:
    t = np.arange(0.0, 3001.0)
    clean = Activity.from_columns("x", "running", {"time_s": t, "distance_m": 4.0 * t})
    assert len(splits(clean)) == 8  # 12 km: seven whole miles and the rest
    jump = 4.0 * t + np.where(t >= 1500.0, 500_000.0, 0.0)  # 500 km in one second
    jumpy = Activity.from_columns("x", "running", {"time_s": t, "distance_m": jump})
    # The glitch's second stays on the clock; its 500 km (and that second's 4 m) do not count.
    assert len(splits(jumpy)) == len(splits(clean))
    assert splits(jumpy)[-1].distance_m == pytest.approx(splits(clean)[-1].distance_m, abs=5)
    assert all(abs(a.elapsed_s - b.elapsed_s) <= 1.0
               for a, b in zip(splits(jumpy), splits(clean), strict=True))
    long_run = Activity.from_columns("x", "running", {"time_s": np.arange(0.0, 30001.0),
                                                      "distance_m": np.arange(0.0, 30001.0)})
    assert len(splits(long_run, every_m=25.0)) == MAX_SPLITS  # 1200 asked, 1000 given


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zips_nest_at_most_three_deep(tmp_path: Path) -> None:
    inner = _zip(tmp_path / "z0.zip", {"run.gpx": b"<gpx/>"})
    for level in range(1, 5):  # run.gpx sits 5 zips deep
        inner = _zip(tmp_path / f"z{level}.zip", {f"z{level - 1}.zip": inner.read_bytes()})
    with walk([inner]) as found:
        assert found.items == []
        assert any("nested more than 3 deep" in why for _, why in found.skipped)
    shallow = _zip(tmp_path / "s1.zip", {"z0.zip": (tmp_path / "z0.zip").read_bytes()})
    with walk([shallow]) as found:
        assert [item.member for item in found.items] == ["run.gpx"]


def test_a_zip_member_over_the_cap_is_skipped_before_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(walk_module, "MAX_MEMBER_BYTES", 1000)
    path = _zip(tmp_path / "export.zip", {"big.fit": b"\0" * 5000, "small.gpx": b"<gpx/>"})
    with walk([path]) as found:
        assert [item.member for item in found.items] == ["small.gpx"]
        assert found.skipped == [(f"{path}!big.fit", "unpacks to more than 0 MiB")]


def test_the_database_and_kept_uploads_are_private(tmp_path: Path) -> None:
    # Issue 17: both were created 0644, readable by every user of the machine.
    from miler.adapters.files.keep import keep_upload
    from miler.adapters.storage import open_database

    db = tmp_path / "data" / "miler.db"
    open_database(f"sqlite:///{db}").dispose()
    assert db.stat().st_mode & 0o777 == 0o600
    kept, new = keep_upload(tmp_path / "data", "me", b"<gpx/>", "gpx")
    assert new
    assert kept.stat().st_mode & 0o777 == 0o600


def _orphan(not_my_parent: int) -> None:
    import threading

    from miler.adapters.worker import follow_parent

    follow_parent(not_my_parent)  # as if the parent that started the pool were gone
    threading.Event().wait()  # a worker waiting for work, forever


def test_a_worker_ends_when_its_parent_is_gone() -> None:
    # Issue 17: after SIGKILL during `import --dry-run`, worker processes stayed alive.
    import multiprocessing
    import subprocess

    gone = subprocess.Popen(["true"])
    gone.wait()  # reaped: its pid belongs to no process now
    worker = multiprocessing.get_context("spawn").Process(target=_orphan, args=(gone.pid,))
    worker.start()
    worker.join(timeout=30)
    assert worker.exitcode == 1
