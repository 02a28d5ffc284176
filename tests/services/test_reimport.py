"""A history imported again: files already stored for the athlete (by SHA-256) are hashed,
not measured, on the workers, in the web's bounded worker and in this process alike; each is
still answered with the activity stored, and one not stored after all is measured then."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from miler.adapters.storage import bulk
from miler.adapters.storage.repository import Store
from miler.services import training
from miler.services.training import FilesAhead, ImportReport, import_files
from tests.services.test_training import FIT, NOW


@pytest.fixture
def ada(store: Store) -> Store:
    with store.transaction() as repo:
        repo.add_athlete("Ada", {"weekly_miles": 20}, NOW)
    return store


def _history(folder: Path, files: int) -> Path:
    """``files`` distinct files (by their bytes) of one run."""
    folder.mkdir()
    data = FIT.read_bytes()
    for k in range(files):
        (folder / f"run-{k:03d}.fit").write_bytes(data + b"\0" * (k + 1))
    return folder


def _measured(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files this process stores as read and measured (``_store_file``)."""
    seen: list[str] = []
    store_file = training._store_file

    def spy(repo: Any, **kwargs: Any) -> Any:
        seen.append(kwargs["found"].label)
        return store_file(repo, **kwargs)

    monkeypatch.setattr(training, "_store_file", spy)
    return seen


def _ids(report: ImportReport) -> list[tuple[str, int]]:
    return [(r.name, r.activity_id) for r in report.stored]


def test_a_known_file_is_hashed_and_an_unknown_one_read() -> None:
    data = FIT.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    other = hashlib.sha256(b"another file").hexdigest()
    known = training._known_blob({digest, other, "not a digest"})
    assert training._read_unless_known(known, "a.fit", data) == training._Stored("a.fit", digest)
    assert training._read_unless_known(training._known_blob({other}), "a.fit", data) \
        == training._read_or_skip("a.fit", data)
    assert training._read_unless_known(b"", "bad.fit", b"x") == training._read_or_skip(
        "bad.fit", b"x")


def test_past_the_bound_no_digest_goes_to_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    digests = {hashlib.sha256(bytes([k])).hexdigest() for k in range(5)}
    assert len(training._known_blob(digests)) == 5 * 32
    monkeypatch.setattr(training, "MAX_KNOWN", 4)
    assert training._known_blob(digests) == b""


@pytest.mark.parametrize("workers", [1, 2])
def test_a_history_imported_again_is_not_measured_again(
        ada: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    runs = _history(tmp_path / "runs", 18)
    first = import_files(ada, "Ada", [runs], now=NOW, workers=workers)
    assert len(first.stored) == 18
    with ada.transaction() as repo:
        before = repo.activities("Ada")
    measured = _measured(monkeypatch)
    if workers == 1:  # read in this process: the measuring itself must not run
        monkeypatch.setattr(training, "_read", _refuse)
    again = import_files(ada, "Ada", [runs], now=NOW, workers=workers)
    assert (again.stored, again.duplicates, again.skipped) == ((), 18, ())
    assert measured == []
    with ada.transaction() as repo:
        assert repo.activities("Ada") == before


def _refuse(label: str, *_: Any, **__: Any) -> Any:
    raise AssertionError(f"{label} was measured again")


def test_new_files_among_known_ones_are_stored(ada: Store, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _history(tmp_path / "runs", 20)
    old = sorted(runs.iterdir())[::2]
    import_files(ada, "Ada", old, now=NOW)
    measured = _measured(monkeypatch)
    report = import_files(ada, "Ada", [runs], now=NOW, workers=2)
    assert report.duplicates == len(old)
    assert [r.name for r in report.stored] == [str(p) for p in sorted(runs.iterdir())[1::2]]
    assert measured == [r.name for r in report.stored]


def test_a_read_ahead_import_again_skips_what_was_not_handed_out(
        ada: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``miler import``'s workers start before the database is open: the first batches are
    measured, the rest only hashed; every file is answered as stored either way."""
    runs = _history(tmp_path / "runs", 100)
    import_files(ada, "Ada", [runs], now=NOW)
    kinds: list[str] = []
    with FilesAhead([runs], workers=2) as ahead:
        results = ahead.reads.results

        def counted(progress: Callable[[int, int], None] | None = None) -> Any:
            for read in results(progress):
                kinds.append(type(read).__name__)
                yield read

        monkeypatch.setattr(ahead.reads, "results", counted)
        report = import_files(ada, "Ada", [runs], now=NOW, ahead=ahead)
    assert (report.stored, report.duplicates) == ((), 100)
    assert len(kinds) == 100
    assert kinds.count("_Stored") >= 100 - 8 * 8  # past the first _AHEAD * workers batches
    assert set(kinds) <= {"_Stored", "_Found"}


def test_a_file_stored_no_more_is_measured_after_all(ada: Store, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The digests handed to the workers are a hint: a file among them that the database
    does not hold (a restore since, say) is read and measured here, and stored."""
    runs = _history(tmp_path / "runs", 18)
    digests = frozenset(hashlib.sha256(p.read_bytes()).hexdigest() for p in runs.iterdir())
    monkeypatch.setattr(bulk._FileRepository, "known_files", lambda *_: digests)
    report = import_files(ada, "Ada", [runs], now=NOW, workers=2)
    assert [r.name for r in report.stored] == [str(p) for p in sorted(runs.iterdir())]
    monkeypatch.undo()
    assert import_files(ada, "Ada", [runs], now=NOW).duplicates == 18


def test_the_bounded_worker_is_not_handed_a_known_file(ada: Store, tmp_path: Path) -> None:
    """The web app's imports read each file in the bounded worker (``isolate``): a file
    stored already is hashed here and never handed to it."""
    runs = _history(tmp_path / "runs", 4)
    handed: list[str] = []

    def isolate(what: str, fn: Callable[..., Any], *args: Any) -> Any:
        handed.append(what)
        return fn(*args)

    first = import_files(ada, "Ada", [runs], now=NOW, isolate=isolate)
    assert handed == [str(p) for p in sorted(runs.iterdir())] == [r.name for r in first.stored]
    handed.clear()
    (runs / "run-new.fit").write_bytes(FIT.read_bytes() + b"\1")
    again = import_files(ada, "Ada", [runs], now=NOW, isolate=isolate)
    assert handed == [str(runs / "run-new.fit")] == [r.name for r in again.stored]
    assert again.duplicates == 4


def test_files_read_ahead_skip_what_is_known_from_the_first_batch(
        ada: Store, tmp_path: Path) -> None:
    runs = _history(tmp_path / "runs", 20)
    import_files(ada, "Ada", [runs], now=NOW)
    with ada.transaction() as repo:
        known = repo.known_files("Ada")
    with FilesAhead([runs], workers=2, known=known) as ahead:
        kinds = [type(read).__name__ for read in ahead.reads.results()]
    assert kinds == ["_Stored"] * 20


def test_a_sqlite_file_tells_its_stored_files_before_the_database_layer_loads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from miler.services.readers import stored_files

    db = tmp_path / "miler.db"
    assert stored_files(str(db), None) is None  # no file yet: none is made
    assert not db.exists()
    store = Store.open(f"sqlite:///{db}")
    with store.transaction() as repo:
        repo.add_athlete("Ada", {"weekly_miles": 20}, NOW)
    runs = _history(tmp_path / "runs", 3)
    import_files(store, "Ada", [runs], now=NOW)
    with store.transaction() as repo:
        known = repo.known_files("Ada")
        repo.add_athlete("Bo", {"weekly_miles": 10}, NOW)
    store.close()
    assert len(known) == 3
    assert stored_files(str(db), "Ada") == stored_files(str(db), "ada") == known
    assert stored_files(str(db), "bo") == frozenset()
    assert stored_files(str(db), None) is None  # two athletes: which? the import says
    assert stored_files(str(db), "cy") == frozenset()  # none: the import says who is unknown
    monkeypatch.setenv("MILER_DATABASE_URL", f"sqlite:///{db}")
    assert stored_files(None, "ada") == known
    monkeypatch.setenv("MILER_DATABASE_URL", "postgresql+psycopg://miler@localhost/miler")
    assert stored_files(None, "ada") is None
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0006'")
    assert stored_files(str(db), "ada") is None  # the import migrates it first
