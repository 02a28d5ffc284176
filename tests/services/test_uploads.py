"""One upload is one transaction, and answers with the id of the activity it stored."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from miler.errors import ActivityFileError
from miler.services.training import import_upload
from miler.services.uploads import Upload, import_uploads
from tests.conftest import ROOT
from tests.services.fakes import FakeStorage

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
FIT = ROOT / "tests" / "data" / "track-fenix6.fit"


def test_an_upload_is_one_transaction_and_returns_its_activity_id() -> None:
    store = FakeStorage()
    run = import_upload(store, "me", "track.fit", FIT.read_bytes(), now=NOW)
    assert store.transactions == 1
    with store.transaction() as repo:
        (stored,) = repo.activities("me")
    assert (run.activity_id, run.new) == (stored.id, True)
    again = import_upload(store, "me", "copy.fit", FIT.read_bytes(), now=NOW)
    assert (again.activity_id, again.new) == (stored.id, False)


def test_a_refused_upload_writes_nothing_and_keeps_no_file(tmp_path: Path) -> None:
    store = FakeStorage()
    kept: list[Path] = []

    def keep(data: bytes) -> tuple[Path, bool]:
        path = tmp_path / "kept.fit"
        path.write_bytes(data)
        kept.append(path)
        return path, True

    def crash() -> None:
        raise ActivityFileError("track.fit", "the disk filled up")

    with pytest.raises(ActivityFileError):
        import_upload(store, "me", "track.fit", FIT.read_bytes(), now=NOW, keep=keep,
                      hook=crash)
    assert store.state.athletes == {}
    assert store.state.activities == []
    assert [p.exists() for p in kept] == [False]


def test_uploads_report_each_file_and_its_id(tmp_path: Path) -> None:
    store = FakeStorage()
    outcomes, replanned = import_uploads(
        store, "me", [Upload("track.fit", FIT.read_bytes()), Upload("notes.fit", b"hello")],
        data_dir=tmp_path, now=NOW)
    assert [(o.ok, o.activity_id) for o in outcomes] == [(True, 1), (False, None)]
    assert outcomes[1].message == ("file must be a FIT, GPX or TCX file (its content is none "
                                   "of them), got 'notes.fit'")
    assert replanned is None  # no plan to re-make
    assert len(list((tmp_path / "uploads" / "me").iterdir())) == 1
    with store.transaction() as repo:  # the progress after the import is kept already
        kept = repo.kept_summary("me", "progress")
        assert kept is not None
        assert kept.data_version == repo.data_version("me").version
