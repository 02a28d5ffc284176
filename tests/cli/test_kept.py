"""``miler progress`` answered from the kept row (cli/kept.py, issue 22): it reads its words
as Typer does, answers only when the kept row stands, and then prints to the byte what the
full path prints for the same database; in every other case it declines and the full path
runs, errors and exit codes as ever. It never writes the file, and loads no SQLAlchemy,
Typer or Rich."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest.mock import Mock, patch

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from miler import __version__
from miler.adapters.storage.repository import Store
from miler.cli import coach, fast, kept
from miler.locations import postgres_args
from miler.services import progress as progress_service
from miler.services.kept_progress import KIND, kept_progress
from miler.services.ports import KeptSummary
from miler.services.progress import Progress
from miler.services.training import import_files
from tests.cli.conftest import pg_args
from tests.cli.typer_spy import TyperSpy, command_words
from tests.services.test_progress_kept import _progress
from tests.services.test_rep_scores import _plan
from tests.services.test_training import FIT, NOW

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "miler.db")


def _squad_of_one(db: str, profile: dict[str, Any], runs: bool) -> None:
    """Ada with a plan whose speed session is on the day of the Fenix 6 track session,
    that session imported (its reps scored against the plan) when ``runs``; ``db`` a
    SQLite file or a database URL."""
    store = Store.open(db if "://" in db else f"sqlite:///{db}")
    with store.transaction() as repo:
        repo.add_athlete("ada", {"weekly_miles": 20, **profile}, NOW)
        repo.save_plan("ada", {}, _plan(360.0, 390.0), "first plan", NOW)
    if runs:
        import_files(store, "ada", [FIT], now=NOW)
    store.close()


@pytest.mark.parametrize("as_json", [[], ["--json"]], ids=["text", "json"])
@pytest.mark.parametrize(("profile", "runs", "races"), [
    ({"age": 45, "sex": "female"}, True, True),  # age grades, reps scored, races, estimates
    ({}, True, False),  # no age grades; the track session's reps and estimate
    ({"age": 30, "sex": "male"}, False, False),  # a plan, nothing run: no fitness yet
], ids=["graded-races", "reps-ungraded", "plan-only"])
def test_the_fast_path_prints_what_the_full_path_prints(  # type: ignore[no-untyped-def]
        cli, full, fast_only, db: str, profile: dict[str, Any], runs: bool, races: bool,
        as_json: list[str]) -> None:
    _squad_of_one(db, profile, runs)
    for day, time in (("2021-05-01", "6:40"), ("2021-06-05", "6:30")) if races else ():
        assert cli("log", day, "--kind", "race", "--distance", "1mi", "--time", time,
                   "--db", db)[0] == 0
    first = full("progress", "--db", db, *as_json)  # worked out, then kept
    assert first[0] == 0
    assert fast_only("progress", "--db", db, *as_json) == first
    assert full("progress", "--athlete", "Ada", "--db", db, *as_json) == first  # kept
    assert fast_only("progress", "--athlete", "ADA", "--db", db, *as_json) == first
    out = first[1]
    if not as_json:
        assert out.startswith("ada: planned and done\nweek  ")
        assert ("% age-graded" in out) == bool(profile and runs)
        assert ("Mile estimate, week by week" in out) == runs
        assert ("Fitness estimate: not enough hard running" in out) == (not runs)
        assert ("test mile 6:30.0" in out) == races
        assert ("2021-06-10 " in out) == runs  # the speed session, its reps judged
    else:
        doc = json.loads(out)
        assert doc["schema"] == "miler.progress/1"
        assert bool(doc["speed_sessions"]) == runs


_shown = _progress.filter(lambda p: all(w.mile_s is None or None not in (w.low_s, w.high_s)
                                        for w in p.fitness))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_shown, st.booleans())
def test_any_kept_progress_reads_the_same_by_both_paths(  # type: ignore[no-untyped-def]
        full, fast_only, tmp_path: Path, found: Progress, as_json: bool) -> None:
    """Whatever a kept row holds (as ``Progress.to_doc`` writes it), the fast path renders
    it as the full path renders the ``Progress`` it reads back from it."""
    db = str(tmp_path / "any.db")
    store = Store.open(f"sqlite:///{db}")
    with store.transaction() as repo:
        if not repo.names():
            repo.add_athlete("ada", {"weekly_miles": 20}, NOW)
        version = repo.data_version("ada").version
        repo.keep_summary("ada", KIND, KeptSummary(version, __version__,
                                                   {**found.to_doc(), "runs_stamp": "x"}))
    store.close()
    words = ("progress", "--db", db, *(["--json"] if as_json else []))
    assert fast_only(*words) == full(*words)


def test_the_kind_is_the_services() -> None:
    assert progress_service._KIND == KIND


# --- declining -----------------------------------------------------------------------------


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_a_file_not_there_is_left_to_the_full_path_and_not_made(db: str) -> None:
    assert kept.progress(["--db", db]) is None
    assert kept_progress(db, None) is None
    assert not Path(db).exists()


@pytest.mark.parametrize("url", [
    "sqlite://", "sqlite:///:memory:", "sqlite:///miler.db?mode=ro", "sqlite+pysqlite:///miler.db",
    "postgresql://miler@localhost/miler",  # psycopg2's URL, not miler's driver
    "postgresql+psycopg://miler@localhost/miler?sslmode=require",
    "postgresql+psycopg://miler@[::1]:5432/miler", "postgresql+psycopg://miler@/miler",
    "postgresql+psycopg://miler:p%40ss@localhost/miler", "postgresql+psycopg://a@b,c/miler",
])
def test_other_urls_are_left_to_the_full_path(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MILER_DATABASE_URL", url)
    for reader in ("kept_progress.kept_progress", "kept_today.kept_today"):
        monkeypatch.setattr(f"miler.services.{reader}", Mock(side_effect=AssertionError("read")))
    assert kept.progress([]) is None
    assert kept.today([]) is None


_url_part = st.text(st.sampled_from("aZ09._-+:@/?#%[],\\ \u00e9"), max_size=6)


@settings(max_examples=400)
@given(_url_part, _url_part, _url_part, _url_part, _url_part)
@example("miler", "secret", "db.example", "5433", "miler")
@example("", "", "localhost", "", "")
@example("u", "a:b/c", "h", "007", "d/e")
def test_a_postgresql_url_is_read_as_sqlalchemy_reads_it(
        user: str, password: str, host: str, port: str, database: str) -> None:
    """Whenever the fast path reads a URL, it connects with the very keywords SQLAlchemy's
    psycopg dialect would."""
    from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
    from sqlalchemy.engine import make_url

    url = (f"postgresql+psycopg://{user}{':' + password if password else ''}"
           f"{'@' if user or password else ''}{host}{':' + port if port else ''}/{database}")
    ours = postgres_args(url)
    if ours is not None:
        assert PGDialect_psycopg().create_connect_args(make_url(url)) == ([], ours)


@pytest.mark.parametrize("words", [
    ["--help"], ["-h"], ["--athlete"], ["--athlete", "--json"], ["--json", "--json"],
    ["--athlete=ada"], ["--nope"], ["ada"], ["--", "--json"],
])
def test_other_words_are_left_to_typer(words: list[str]) -> None:
    assert kept.progress(words) is None


def test_a_stale_row_is_left_to_the_full_path_which_keeps_a_new_one(  # type: ignore[no-untyped-def]
        full, fast_only, db: str) -> None:
    _squad_of_one(db, {"age": 45, "sex": "female"}, runs=True)
    before = full("progress", "--db", db)
    assert kept_progress(db, None) is not None
    store = Store.open(f"sqlite:///{db}")
    with store.transaction() as repo:  # a write that keeps no progress (as a restore's)
        repo.add_result("ada", NOW.date(), "race", 1609.344, 381.0)
    store.close()
    assert kept_progress(db, None) is None  # the data version moved on
    after = full("progress", "--db", db)
    assert after != before
    assert fast_only("progress", "--db", db) == after


def test_after_every_write_command_progress_is_answered_from_the_kept_row(  # type: ignore[no-untyped-def]
        cli, full, fast_only, db: str) -> None:
    """Each command that writes keeps the progress in its own transaction: the next
    ``miler progress`` takes the fast path (Typer is never run), and prints what working it
    out afresh prints (another miler's version: nothing kept is read)."""
    assert cli("athlete", "add", "Ada", "--weekly-miles", "20", "--db", db)[0] == 0
    assert fast_only("progress", "--db", db)[0] == 0
    assert cli("plan", "--athlete", "ada", "--weekly-miles", "20", "--test-mile", "7:45",
               "--start", "2026-11-30", "--save", "--db", db)[0] == 0
    session = next(s for s in _sessions(db) if s.kind == "easy")
    other = next(s for s in _sessions(db) if s.kind == "strength")
    writes = [
        ("log", "2026-11-29", "--distance", "5km", "--time", "25:00"),
        ("log", "2026-12-01", "--kind", "time_trial", "--distance", "1mi", "--time", "7:30"),
        ("session", "done", session.session_id),
        ("session", "skip", other.session_id),
        ("session", "move", other.session_id, "--to", str(other.day + timedelta(days=1))),
        ("plan", "--athlete", "ada", "--weekly-miles", "25", "--test-mile", "7:20",
         "--start", "2026-12-07", "--save"),
    ]
    for words in writes:
        assert cli(*words, "--db", db)[0] == 0, words
        kept_out = [fast_only("progress", "--db", db, *as_json) for as_json in ([], ["--json"])]
        with patch("miler.__version__", "0.0.0-other"):  # keeps a row of its own
            scratch = [full("progress", "--db", db, *as_json) for as_json in ([], ["--json"])]
        assert scratch == kept_out, words
        assert kept_out[0][0] == 0
        assert kept_progress(db, None) is None  # the other miler's row is not read
        full("progress", "--db", db)  # kept again, for the next write to build on


def _sessions(db: str) -> list[Any]:
    store = Store.open(f"sqlite:///{db}")
    with store.transaction() as repo:
        found = repo.sessions("ada")
    store.close()
    return found


def test_a_row_another_miler_kept_is_not_read(db: str) -> None:
    _squad_of_one(db, {}, runs=False)
    store = Store.open(f"sqlite:///{db}")
    progress_service.progress(store, None)
    with store.transaction() as repo:
        held = repo.kept_summary("ada", KIND)
        assert held is not None
        assert kept_progress(db, None) is not None
        repo.keep_summary("ada", KIND, KeptSummary(held.data_version, "0.0.1", held.doc))
    store.close()
    assert kept_progress(db, None) is None


def test_a_database_at_another_schema_is_not_read(db: str) -> None:
    _squad_of_one(db, {}, runs=False)
    store = Store.open(f"sqlite:///{db}")
    progress_service.progress(store, None)
    store.close()
    assert kept_progress(db, "ada") is not None
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0006'")
    assert kept_progress(db, "ada") is None
    with sqlite3.connect(db) as raw:
        raw.execute("DROP TABLE alembic_version")
    assert kept_progress(db, "ada") is None


def test_another_programs_file_is_not_read(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_bytes(b"not a database at all" * 100)
    assert kept_progress(str(other), None) is None
    with sqlite3.connect(tmp_path / "empty.db") as raw:
        raw.execute("CREATE TABLE t (x)")
    assert kept_progress(str(tmp_path / "empty.db"), None) is None


def test_errors_and_exit_codes_stay_the_full_paths(cli, db: str) -> None:  # type: ignore[no-untyped-def]
    _squad_of_one(db, {}, runs=False)
    store = Store.open(f"sqlite:///{db}")
    with store.transaction() as repo:
        repo.add_athlete("bo", {"weekly_miles": 10}, NOW)
    progress_service.progress(store, "ada")
    store.close()
    assert kept_progress(db, None) is None  # two athletes: which?
    assert cli("progress", "--db", db) == (
        2, "", "miler: error: --athlete is needed when there is not exactly one athlete, "
               "got 'ada, bo'\n")
    assert kept_progress(db, "cy") is None
    code, out, err = cli("progress", "--athlete", "cy", "--db", db)
    assert (code, out) == (1, "")
    assert err.startswith("miler: error: no athlete named 'cy'")
    assert kept_progress(db, "../x") is None
    code, _, err = cli("progress", "--athlete", "../x", "--db", db)
    assert code == 2
    assert "--athlete must be a name, not a path" in err
    assert kept_progress(db, "ada") is not None
    assert kept_progress(db, "Ada") == kept_progress(db, "ada")  # the case fallback


def test_a_name_kept_as_typed_by_an_older_miler_is_found(db: str) -> None:
    store = Store.open(f"sqlite:///{db}")
    with store.transaction() as repo:
        repo.add_athlete("Ada", {"weekly_miles": 20}, NOW)  # as an older miler stored it
    progress_service.progress(store, "ada")
    store.close()
    found = kept_progress(db, "ada")
    assert found is not None
    assert found["athlete"] == "Ada"
    assert kept_progress(db, "ADA") == found


def test_the_fast_path_never_writes_the_database(fast_only, db: str) -> None:  # type: ignore[no-untyped-def]
    _squad_of_one(db, {}, runs=True)
    store = Store.open(f"sqlite:///{db}")
    progress_service.progress(store, None)
    store.close()
    before = _digest(db)
    Path(db).chmod(0o400)  # a file we may not write is read all the same
    try:
        assert fast_only("progress", "--db", db)[0] == 0
    finally:
        Path(db).chmod(0o600)
    assert _digest(db) == before


def test_a_kept_run_loads_no_sqlalchemy_typer_or_rich(db: str) -> None:
    _squad_of_one(db, {}, runs=True)
    store = Store.open(f"sqlite:///{db}")
    progress_service.progress(store, None)
    store.close()
    code = ("import sys\n"
            "bare = set(sys.modules)\n"
            "from miler.cli import main\n"
            f"assert main(['progress', '--db', {db!r}]) == 0\n"
            "heavy = ('sqlalchemy', 'typer', 'click', 'rich', 'alembic', 'numpy', "
            "'dataclasses', 'typing', 'inspect', 'pathlib', 'platformdirs')\n"
            "print(sorted(m for m in set(sys.modules) - bare if m.split('.')[0] in heavy))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
    assert done.stdout.startswith("ada: planned and done\n")


# --- on PostgreSQL: the same answers, read with psycopg alone ------------------------------


@pytest.mark.parametrize("as_json", [[], ["--json"]], ids=["text", "json"])
def test_on_postgresql_the_fast_path_prints_what_the_full_path_prints(  # type: ignore[no-untyped-def]
        cli, full, fast_only, pg: str, as_json: list[str]) -> None:
    _squad_of_one(pg, {"age": 45, "sex": "female"}, runs=True)
    assert cli("log", "2021-06-05", "--kind", "race", "--distance", "1mi", "--time", "6:30",
               "--db", pg)[0] == 0
    first = full("progress", "--db", pg, *as_json)  # the log kept it; read it the long way
    assert first[0] == 0
    assert "6:30" in first[1]
    assert fast_only("progress", "--db", pg, *as_json) == first
    assert fast_only("progress", "--athlete", "ADA", "--db", pg, *as_json) == first


def test_on_postgresql_a_stale_row_or_another_schema_is_left_to_the_full_path(  # type: ignore[no-untyped-def]
        full, fast_only, pg: str) -> None:
    from sqlalchemy import text

    _squad_of_one(pg, {}, runs=True)
    args = pg_args(pg)
    assert kept_progress(args, None) is None  # import_files alone keeps none
    before = full("progress", "--db", pg)  # worked out, then kept
    assert kept_progress(args, None) is not None
    store = Store.open(pg)
    with store.transaction() as repo:  # a write that keeps no progress (as a restore's)
        repo.add_result("ada", NOW.date(), "race", 1609.344, 381.0)
    assert kept_progress(args, None) is None
    after = full("progress", "--db", pg)
    assert after != before
    assert fast_only("progress", "--db", pg) == after
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0006'"))
    store.close()
    assert kept_progress(args, None) is None
    assert kept_progress({**args, "dbname": "no_such_database"}, None) is None


def test_on_postgresql_errors_stay_the_full_paths(cli, pg: str) -> None:  # type: ignore[no-untyped-def]
    _squad_of_one(pg, {}, runs=False)
    assert cli("athlete", "add", "Bo", "--weekly-miles", "10", "--db", pg)[0] == 0
    args = pg_args(pg)
    assert kept_progress(args, None) is None  # two athletes: which?
    assert cli("progress", "--db", pg)[0] == 2
    assert kept_progress(args, "cy") is None
    code, out, err = cli("progress", "--athlete", "cy", "--db", pg)
    assert (code, out) == (1, "")
    assert err.startswith("miler: error: no athlete named 'cy'")
    assert kept_progress(args, "bo") is not None


def test_no_server_is_left_to_the_full_path(tmp_path: Path) -> None:
    """Nothing listens there: the fast path declines at once, the full path reports it."""
    assert kept_progress({"host": str(tmp_path), "dbname": "miler"}, None) is None


def test_a_kept_run_on_postgresql_loads_no_sqlalchemy_typer_or_rich(  # type: ignore[no-untyped-def]
        full, pg: str) -> None:
    _squad_of_one(pg, {}, runs=True)
    full("progress", "--db", pg)  # worked out, then kept
    code = ("import sys\n"
            "bare = set(sys.modules)\n"
            "from miler.cli import main\n"
            f"assert main(['progress', '--db', {pg!r}]) == 0\n"
            "heavy = ('sqlalchemy', 'typer', 'click', 'rich', 'alembic', 'numpy')\n"
            "print(sorted(m for m in set(sys.modules) - bare if m.split('.')[0] in heavy))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
    assert done.stdout.startswith("ada: planned and done\n")


# --- the words, read as Typer reads them ---------------------------------------------------

TYPER = TyperSpy("progress", coach.progress)
PARAMS = TYPER.params
OPTIONS = [(decl, param.is_flag) for param in PARAMS for decl in param.opts]
_typer_kwargs = TYPER.kwargs


def test_the_words_are_the_commands_own() -> None:
    assert {param.name: param.default for param in PARAMS} == kept.DEFAULTS
    assert {decl: (param.name, fast.FLAG if param.is_flag else fast.TEXT)
            for param in PARAMS for decl in param.opts} == kept.WORDS


VALUES = st.sampled_from(["ada", "", "-x", "--json", "-h", "a=b", "two words", "x.db"]) \
    | st.text(max_size=4)


WORDS = command_words(OPTIONS, VALUES, ["--athlete=ada"], 4)


@settings(max_examples=200, deadline=None)
@given(WORDS)
@example(["--athlete", "runner-007"])
@example(["--db", "x.db", "--json", "--athlete", ""])
def test_what_it_accepts_typer_reads_alike(words: list[str]) -> None:
    ours = fast.read_words(kept.WORDS, kept.DEFAULTS, words)
    if ours is not None:
        assert ours == _typer_kwargs(words)


def test_the_benchs_words_are_accepted() -> None:
    words = ["--athlete", "runner-007"]
    assert fast.read_words(kept.WORDS, kept.DEFAULTS, words) == _typer_kwargs(words) == {
        "athlete": "runner-007", "db": None, "as_json": False}


# --- reading the document as json.loads does ------------------------------------------------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20)


def _loads(text: str) -> Any:
    try:
        return ("value", json.loads(text))
    except ValueError as exc:
        return ("refused", type(exc), str(exc))


@given(_json_values, st.sampled_from(["", " ", "\n", "x", "{}"]),
       st.sampled_from(["", " ", "\ufeff"]))
def test_a_document_reads_as_json_loads_reads_it(value: Any, tail: str, head: str) -> None:
    from miler.adapters.kept_reads import read_document

    text = head + json.dumps(value) + tail
    try:
        ours: Any = ("value", read_document(text))
    except ValueError as exc:
        ours = ("refused", type(exc), str(exc))
    assert repr(ours) == repr(_loads(text))  # repr: NaN is not equal to itself


@given(st.text(max_size=12))
def test_any_text_reads_or_fails_as_json_loads_does(text: str) -> None:
    from miler.adapters.kept_reads import read_document

    try:
        ours: Any = ("value", read_document(text))
    except ValueError as exc:
        ours = ("refused", type(exc), str(exc))
    assert repr(ours) == repr(_loads(text))


def test_a_day_is_written_as_strftime_writes_it() -> None:
    from datetime import date, timedelta

    from miler.cli.render.progress import _day

    for n in range(0, 800, 7):
        day = date(2025, 1, 1) + timedelta(days=n)
        assert _day(day.isoformat()) == f"{day:%d %b}"
    for bad in ("2026-13-01", "2026-1-01", "26-01-01", "2026-01-00", "2026-01-x1"):
        with pytest.raises(ValueError, match="not an ISO day"):
            _day(bad)
