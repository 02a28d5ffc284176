"""``miler today`` answered through a read-only store (cli/kept.py, services/kept_today.py,
adapters/kept_store.py; issue 22): it reads its words as Typer does, runs the use case on
the same rows, and prints to the byte what the full path prints, on SQLite and on
PostgreSQL; in every other case it declines and the full path runs, errors and exit codes as
ever. It never writes the file, and loads no SQLAlchemy, Typer, Click, Rich or numpy."""

from __future__ import annotations

import ast
import hashlib
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from datetime import date, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from miler.adapters.storage.repository import Store
from miler.cli import coach, fast, kept, main
from miler.cli.render.coach import today_text
from miler.domain.workouts import RUN_KINDS
from miler.services.coaching import today as today_service
from miler.services.kept_today import kept_today
from tests.cli.conftest import pg_args
from tests.cli.typer_spy import TyperSpy, command_words
from tests.services.test_training import FIT

Run = Callable[..., tuple[int, str, str]]

#: The plan's first day (a Monday); eight weeks, the race on its last Sunday.
START = date(2026, 11, 30)
RACE = START + timedelta(weeks=8, days=-1)
#: The weeks of the plan lived before "now": sessions run, done, skipped or missed.
LIVED = START + timedelta(weeks=3)
#: Every day the sweep asks about: a few before the plan, all of it, a few after.
DAYS = [START + timedelta(days=n) for n in range(-3, (RACE - START).days + 4)]


def _miler(*words: str) -> None:
    """``miler WORDS``, its output thrown away (a test's own runs read theirs)."""
    with redirect_stdout(StringIO()), redirect_stderr(StringIO()):
        assert main(list(words)) == 0, words


def _url(db: str) -> str:
    return db if "://" in db else f"sqlite:///{db}"


def _sessions(db: str) -> list[Any]:
    store = Store.open(_url(db))
    with store.transaction() as repo:
        found = repo.sessions("ada-lovelace")
    store.close()
    return found


def _history(db: str, seed: int = 22) -> None:
    """Ada Lovelace's eight-week plan from ``START``, its first three weeks lived: each
    session (but rest) run and logged (a generated distance), marked done without a run,
    skipped or left planned (a hard one left is missed), as a seeded draw picks; a run
    logged the day before the plan. ``db``: a SQLite file or a database URL."""
    _miler("plan", "--athlete", "Ada Lovelace", "--weekly-miles", "20", "--test-mile", "7:45",
           "--goal", "7:00", "--start", START.isoformat(), "--save", "--db", db)
    draw = random.Random(seed)
    for s in _sessions(db):
        if s.day >= LIVED or s.kind == "rest":
            continue
        what = draw.choice(("run", "done", "skip", "planned"))
        if what == "run" and s.kind in RUN_KINDS:
            _miler("log", s.day.isoformat(), "--kind", s.kind,
                   "--distance", f"{draw.uniform(1.5, 12):.2f}km", "--db", db)
        elif what in ("done", "skip"):
            _miler("session", what, s.session_id, "--db", db)
    _miler("log", (START - timedelta(days=1)).isoformat(), "--distance", "5km", "--db", db)


@pytest.fixture(scope="module")
def lived(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file holding :func:`_history` (read, never written, by the tests)."""
    db = str(tmp_path_factory.mktemp("today") / "miler.db")
    _history(db)
    return db


def _situations(out: str) -> set[str]:
    """What a ``miler today`` text shows, of the cases the sweep must cover."""
    shown = {"nothing planned": ": nothing planned." in out,
             "a session today": "] (planned)" in out or "] (done)" in out,
             "a rest day": ": Rest day [" in out,
             "yesterday run": ", ran " in out,
             "yesterday done, no run": any(line.startswith("Yesterday: ")
                                           and line.endswith(": done")
                                           for line in out.splitlines()),
             "yesterday skipped": ": skipped\n" in out,
             "yesterday missed": "Yesterday: " in out and ": planned\n" in out,
             "missed hard sessions": "hard session(s) missed" in out}
    return {name for name, seen in shown.items() if seen}


def test_every_day_prints_what_the_full_path_prints(  # type: ignore[no-untyped-def]
        full, fast_only, lived: str) -> None:
    """The sweep: every day from before the plan to after it, text and ``--json``."""
    seen: set[str] = set()
    for day in DAYS:
        for as_json in ([], ["--json"]):
            words = ("today", "--date", day.isoformat(), "--db", lived, *as_json)
            first = full(*words)
            assert first[0] == 0, (words, first)
            assert fast_only(*words) == first, words
            if not as_json:
                seen |= _situations(first[1])
    assert seen == {"nothing planned", "a session today", "a rest day", "yesterday run",
                    "yesterday done, no run", "yesterday skipped", "yesterday missed",
                    "missed hard sessions"}


def test_a_run_imported_from_a_watch_reads_the_same(  # type: ignore[no-untyped-def]
        full, fast_only, db: str) -> None:
    """A run imported from its FIT file (a whole activity document, which ``today`` does
    not read) completes the day's easy run: the next day says how far it went."""
    _miler("plan", "--athlete", "Ada Lovelace", "--weekly-miles", "20", "--test-mile", "7:45",
           "--start", "2021-06-07", "--save", "--db", db)
    _miler("import", str(FIT), "--db", db)
    for day in ("2021-06-09", "2021-06-10", "2021-06-11", "2021-06-12"):
        for as_json in ([], ["--json"]):
            words = ("today", "--date", day, "--db", db, *as_json)
            first = full(*words)
            assert first[0] == 0
            assert fast_only(*words) == first
    shown = fast_only("today", "--date", "2021-06-11", "--db", db)[1]
    assert "Yesterday: Easy run: 2.75 miles: done, ran 4.0 mi\n" in shown


_athletes = st.sampled_from([None, "Ada Lovelace", "ada-lovelace", "ADA LOVELACE", "ada",
                             " Ada Lovelace ", "Bo", "../x", ""])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(DAYS), _athletes, st.booleans(),
       st.sampled_from(["{}", " {} ", "{:%Y%m%d}", "{:%Y-%m-%d}x", "{:%Y-%m-%d}T00:00"]))
@example(LIVED, "Ada Lovelace", False, "{}")
@example(LIVED, None, True, "{:%Y%m%d}")
def test_it_answers_exactly_where_the_full_path_succeeds(  # type: ignore[no-untyped-def]
        full, lived: str, day: date, athlete: str | None, as_json: bool, form: str) -> None:
    """Whatever ``--athlete`` and ``--date`` say: where the full path prints the day, the
    fast path prints the same; where it fails, the fast path declines and leaves it the
    error to report."""
    words = ["--date", form.format(day), "--db", lived, *(["--json"] if as_json else [])]
    if athlete is not None:
        words += ["--athlete", athlete]
    ours = kept.today(words)
    theirs = full("today", *words)
    assert (ours is not None) == (theirs[0] == 0), (words, theirs)
    if ours is not None:
        assert (0, ours, "") == theirs


def test_without_a_date_it_is_today(full, fast_only, lived: str) -> None:  # type: ignore[no-untyped-def]
    before = date.today()
    ours = fast_only("today", "--db", lived)
    theirs = full("today", "--db", lived)
    if date.today() != before:
        pytest.skip("midnight passed between the two runs")
    assert ours == theirs
    assert ours[0] == 0


def test_the_text_is_what_rich_printed(lived: str) -> None:
    """``today_text`` replaced Rich's console, which printed the same lines one by one:
    Rich leaves each line of every day's text as it is (no markup, no emoji codes)."""
    from rich.console import Console

    store = Store.open(_url(lived))
    try:
        for day in DAYS:
            text = today_text(today_service(store, None, day))
            out = StringIO()
            console = Console(file=out, highlight=False, soft_wrap=True, width=80)
            for line in text.splitlines():
                console.print(line)
            assert out.getvalue() == text, day
    finally:
        store.close()


# --- declining -----------------------------------------------------------------------------


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "miler.db")


def _one_plan(db: str) -> None:
    _miler("plan", "--athlete", "Ada Lovelace", "--weekly-miles", "20", "--test-mile", "7:45",
           "--start", START.isoformat(), "--save", "--db", db)


@pytest.mark.parametrize("words", [
    ["--help"], ["-h"], ["--date"], ["--date", "--json"], ["--json", "--json"],
    ["--date=2026-12-01"], ["--nope"], ["ada"], ["--", "--json"], ["--athlete"],
])
def test_other_words_are_left_to_typer(words: list[str]) -> None:
    assert kept.today(words) is None


@pytest.mark.parametrize("text", ["2026-13-01", "tomorrow", "1979-12-31", "2200-01-01",
                                  "2026-12-01-", "２０２６-12-01", "2026-12-01" * 3])
def test_a_bad_date_is_left_to_the_full_path(  # type: ignore[no-untyped-def]
        full, db: str, text: str) -> None:
    _one_plan(db)
    assert kept.today(["--date", text, "--db", db]) is None
    code, out, err = full("today", "--date", text, "--db", db)
    assert (code, out) == (2, "")
    assert err.startswith("miler: error: --date ")


def test_a_file_not_there_is_left_to_the_full_path_and_not_made(db: str) -> None:
    assert kept.today(["--db", db]) is None
    assert kept_today(db, None, START) is None
    assert not Path(db).exists()


def test_a_database_at_another_schema_is_not_read(db: str) -> None:
    _one_plan(db)
    assert kept_today(db, None, START) is not None
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0008'")
    assert kept_today(db, None, START) is None
    with sqlite3.connect(db) as raw:
        raw.execute("DROP TABLE alembic_version")
    assert kept_today(db, None, START) is None


def test_another_programs_file_is_not_read(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_bytes(b"not a database at all" * 100)
    assert kept_today(str(other), None, START) is None
    with sqlite3.connect(tmp_path / "empty.db") as raw:
        raw.execute("CREATE TABLE t (x)")
    assert kept_today(str(tmp_path / "empty.db"), None, START) is None


def test_no_plan_unknown_or_ambiguous_athletes_are_the_full_paths(  # type: ignore[no-untyped-def]
        cli, db: str) -> None:
    _miler("athlete", "add", "Bo", "--weekly-miles", "10", "--db", db)
    assert kept_today(db, None, START) is None  # Bo has no plan
    code, out, err = cli("today", "--db", db)
    assert (code, out) == (1, "")
    assert err == ("miler: error: bo has no saved plan; make one with `miler plan --save`\n")
    _one_plan(db)
    assert kept_today(db, None, START) is None  # two athletes: which?
    assert cli("today", "--db", db)[0] == 2
    assert kept_today(db, "cy", START) is None
    code, out, err = cli("today", "--athlete", "cy", "--db", db)
    assert (code, out) == (1, "")
    assert err.startswith("miler: error: no athlete named 'cy'")
    assert kept_today(db, "../x", START) is None
    assert cli("today", "--athlete", "../x", "--db", db)[0] == 2
    assert kept_today(db, "Ada Lovelace", START) is not None


def test_a_row_it_cannot_read_is_left_to_the_full_path(db: str) -> None:
    _one_plan(db)
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE plans SET doc = '{\"weeks\": 1'")
    assert kept_today(db, None, START) is None
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE plans SET doc = '[]'")
    assert kept_today(db, None, START) is None
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE plans SET doc = '{}'")  # a document, not a plan
    assert kept_today(db, None, START) is None


def test_a_locked_file_is_left_to_the_full_path(db: str) -> None:
    """A writer holds the file (no WAL): the fast path does not wait, it declines."""
    _one_plan(db)
    assert kept_today(db, None, START) is not None
    with sqlite3.connect(db, isolation_level=None) as raw:
        raw.execute("PRAGMA journal_mode=DELETE")
        raw.execute("BEGIN EXCLUSIVE")
        try:
            assert kept_today(db, None, START) is None
        finally:
            raw.execute("ROLLBACK")
    assert kept_today(db, None, START) is not None


def test_the_fast_path_never_writes_the_database(fast_only, lived: str,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path) -> None:
    db = str(tmp_path / "copy.db")
    with sqlite3.connect(lived) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    before = _digest(db)
    Path(db).chmod(0o400)  # a file we may not write is read all the same
    try:
        for day in (START, LIVED):
            assert fast_only("today", "--date", day.isoformat(), "--db", db)[0] == 0
    finally:
        Path(db).chmod(0o600)
    assert _digest(db) == before  # (a WAL file's readers share its -shm index: SQLite's)


_HEAVY = ("sqlalchemy", "typer", "click", "rich", "alembic", "numpy", "orjson")


def _modules_loaded(words: list[str]) -> tuple[list[str], str]:
    """The heavy modules ``miler WORDS`` loads in a process of its own, and its output."""
    code = ("import sys\n"
            "bare = set(sys.modules)\n"
            "from miler.cli import main\n"
            f"assert main({words!r}) == 0\n"
            f"heavy = {_HEAVY!r}\n"
            "print(sorted(m for m in set(sys.modules) - bare if m.split('.')[0] in heavy))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    *out, last = done.stdout.splitlines()
    return ast.literal_eval(last), "\n".join(out)


def test_a_fast_run_loads_none_of_the_heavy_modules(lived: str) -> None:
    for as_json in ([], ["--json"]):
        loaded, out = _modules_loaded(["today", "--date", LIVED.isoformat(), "--db", lived,
                                       *as_json])
        assert loaded == []
        assert out.startswith("{" if as_json else LIVED.strftime("%a %d %b: "))


# --- on PostgreSQL: the same answers, read with psycopg alone ------------------------------


def test_on_postgresql_the_fast_path_prints_what_the_full_path_prints(  # type: ignore[no-untyped-def]
        full, fast_only, pg: str) -> None:
    _history(pg)
    seen: set[str] = set()
    for day in [*DAYS[::2], LIVED]:
        for as_json in ([], ["--json"]):
            words = ("today", "--date", day.isoformat(), "--db", pg, *as_json)
            first = full(*words)
            assert first[0] == 0, (words, first)
            assert fast_only(*words) == first, words
            if not as_json:
                seen |= _situations(first[1])
    assert fast_only("today", "--date", LIVED.isoformat(), "--athlete", "Ada Lovelace",
                     "--db", pg) == full("today", "--date", LIVED.isoformat(), "--db", pg)
    assert {"nothing planned", "a session today", "yesterday run"} <= seen


def test_on_postgresql_it_declines_where_the_full_path_does_more(  # type: ignore[no-untyped-def]
        cli, pg: str) -> None:
    from sqlalchemy import text

    args = pg_args(pg)
    _miler("athlete", "add", "Bo", "--weekly-miles", "10", "--db", pg)
    assert kept_today(args, None, START) is None  # no plan
    assert cli("today", "--db", pg)[0] == 1
    _one_plan(pg)
    assert kept_today(args, None, START) is None  # which athlete?
    assert kept_today(args, "cy", START) is None
    assert kept_today(args, "Ada Lovelace", START) is not None
    store = Store.open(pg)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0008'"))
    store.close()
    assert kept_today(args, "Ada Lovelace", START) is None
    assert kept_today({**args, "dbname": "no_such_database"}, None, START) is None


def test_a_fast_run_on_postgresql_loads_none_of_the_heavy_modules(pg: str) -> None:
    _one_plan(pg)
    loaded, out = _modules_loaded(["today", "--date", START.isoformat(), "--db", pg])
    assert loaded == []
    assert out.startswith("Mon 30 Nov: ")


# --- the words, read as Typer reads them ---------------------------------------------------

TYPER = TyperSpy("today", coach.today)
PARAMS = TYPER.params
OPTIONS = [(decl, param.is_flag) for param in PARAMS for decl in param.opts]


def test_the_words_are_the_commands_own() -> None:
    assert {param.name: param.default for param in PARAMS} == kept.TODAY_DEFAULTS
    assert {decl: (param.name, fast.FLAG if param.is_flag else fast.TEXT)
            for param in PARAMS for decl in param.opts} == kept.TODAY_WORDS


VALUES = st.sampled_from(["ada", "", "-x", "--json", "-h", "a=b", "two words", "x.db",
                          "2026-12-01"]) | st.text(max_size=4)


@settings(max_examples=200, deadline=None)
@given(command_words(OPTIONS, VALUES, ["--date=2026-12-01"], 5))
@example(["--date", "2026-12-01", "--athlete", "Ada Lovelace"])
@example(["--db", "x.db", "--json", "--date", ""])
def test_what_it_accepts_typer_reads_alike(words: list[str]) -> None:
    ours = fast.read_words(kept.TODAY_WORDS, kept.TODAY_DEFAULTS, words)
    if ours is not None:
        assert ours == TYPER.kwargs(words)
