"""A coach's database at scale: 200 athletes x 500 runs, in SQLite (and PostgreSQL).

Builds the squad (bench/squad.py) in a fresh SQLite file, and in PostgreSQL when
MILER_BENCH_POSTGRES_URL (or MILER_TEST_POSTGRES_URL) names an empty database (its tables
are dropped first), then times what a coach waits for, median of RUNS:
- the coach's athlete list: ``services.accounts.squad`` and the ``/athletes`` page, kept in
  memory under the squad's version and rendered afresh;
- the writes a user waits for, through the services their commands and routes call:
  ``services.coaching.set_session_status`` (``miler session skip``, the session page) and
  ``services.training.log_run`` (``miler log``), in process, and both commands as processes;
- one athlete's progress: ``services.progress.progress``, read kept (``kept_summaries``),
  right after a session marked and after a run logged (each write keeps the progress in its
  own transaction: the view reads it), and worked out afresh (the kept row deleted first);
  and the ``/athletes/NAME/progress`` page kept in memory, rendered from the kept progress,
  after a session marked, rendered from scratch, and after a run logged (the server's time:
  each request straight through the whole app, the logged-in coach's cookie included, as
  bench_web times pages; a test client's threads added about 8 ms a request; the runs
  logged come after the rest of progress, each adding one more run on the squad's day);
- ``miler progress --athlete NAME``, the whole process, beside ``python -c pass``: answered
  from the kept row (``cli/kept.py``), with ``--json``, and right after a session marked and
  after a run logged (the fast path answers while the write's kept row stands, else the
  full path works progress out); MILER_BENCH_BASELINE_SRC=/path/to/src times another
  checkout's miler too, in the same run (run the whole bench with PYTHONPATH=that src for
  the rest of its figures); and ``miler today --athlete NAME --date DAY`` beside it (its
  fast path reads the plan through a read-only store; no goal of the issue's, shown);
Then prints the query plans (EXPLAIN) of every statement those use cases send (progress
kept, and after a run logged).
Goal (issue 22): each answers in at most 50 ms. SQUAD_ATHLETES / SQUAD_RUNS shrink it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from squad import NOW, build
from timing import MILER, ServerGet, median_after_ms, median_ms

ATHLETES = int(os.environ.get("SQUAD_ATHLETES", "200"))
RUNS_EACH = int(os.environ.get("SQUAD_RUNS", "500"))
RUNS = 21
PROCESS_RUNS = 7


def _statements(engine: Any, fn: Any) -> list[tuple[str, Any]]:
    """The distinct SQL statements ``fn()`` sends, each with its first parameters."""
    from sqlalchemy import event

    seen: dict[str, Any] = {}

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any,
               _many: bool) -> None:
        seen.setdefault(statement, parameters)

    event.listen(engine, "before_cursor_execute", record)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return list(seen.items())


def _explain(engine: Any, statements: list[tuple[str, Any]]) -> None:
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as db:
        raw = db.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        for sql, params in statements:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + sql, params)
            plan = [" | ".join(str(c) for c in row[-1:]) for row in cursor.fetchall()]
            print("   ", " ".join(sql.split())[:160])
            for line in plan:  # PostgreSQL spells out every id of an IN list: cut
                print("       ", line if len(line) <= 160 else line[:157] + "...")
        cursor.close()


def _client(url: str, data_dir: Path, login: dict[str, Any]) -> Any:
    from fastapi.testclient import TestClient

    from miler.config import Settings
    from miler.web.app import create_app
    from miler.web.context import Mode, clock

    async def now() -> object:  # the squad's day, as the service is timed at
        return NOW

    app = create_app(Settings(url, data_dir), Mode.COACH)
    app.dependency_overrides[clock] = now
    client = TestClient(app, base_url="http://127.0.0.1")
    token = client.get("/api/session").json()["csrf_token"]
    client.post("/api/login", json={"username": login["coach"], "password": login["password"]},
                headers={"X-CSRF-Token": token}).raise_for_status()
    return client


def bench(url: str, label: str, data_dir: Path) -> None:
    from miler.adapters.storage.repository import Store
    from miler.services.accounts import find_user, squad, squad_version
    from miler.services.coaching import set_session_status
    from miler.services.progress import progress
    from miler.services.training import log_run

    start = time.perf_counter()
    login = build(url, ATHLETES, RUNS_EACH)
    built_s = time.perf_counter() - start
    _settle(url)
    name = login["names"][len(login["names"]) // 2]
    store = Store.open(url)
    coach = find_user(store, login["coach"])
    assert coach is not None

    def the_squad() -> object:
        return squad(store, coach_id=coach.id, athlete=None, now=NOW)

    def the_progress() -> object:
        return progress(store, name)

    def forget() -> None:
        from sqlalchemy import text

        with store.engine.begin() as db:
            db.execute(text("DELETE FROM kept_summaries"))

    def worked_out() -> object:
        forget()
        return progress(store, name)

    with store.transaction() as repo:
        last = repo.sessions(name)[-1].session_id

    def mark() -> None:  # a write that leaves the runs as they were (the data version moves)
        set_session_status(store, name, last, "skipped")  # `miler session skip`'s service

    the_squad(), the_progress()  # warm
    mark_write_ms = median_ms(mark, RUNS)  # the writes themselves, as the user waits for them
    squad_ms = median_ms(the_squad, RUNS)
    progress_ms = median_ms(the_progress, RUNS)
    worked_ms = median_ms(worked_out, RUNS // 3)
    marked_ms = median_after_ms(mark, the_progress, RUNS)
    client = _client(url, data_dir, login)

    get = ServerGet(client.app, client.cookies)  # the server's time, as bench_web times it

    get("/athletes"), get(f"/athletes/{name}/progress")
    list_page_ms = median_ms(lambda: get("/athletes"), RUNS)
    progress_page_ms = median_ms(lambda: get(f"/athletes/{name}/progress"), RUNS)
    pages = client.app.state.web.pages

    def forget_pages() -> None:
        pages._pages.clear()
        pages._bytes = 0

    def fresh_list() -> None:
        forget_pages()
        get("/athletes")

    fresh_list_ms = median_ms(fresh_list, RUNS)

    def fresh_progress() -> None:
        forget_pages()
        get(f"/athletes/{name}/progress")

    fresh_page_ms = median_ms(fresh_progress, RUNS)

    def scratch_progress() -> None:
        forget()
        fresh_progress()

    scratch_page_ms = median_ms(scratch_progress, RUNS // 3)
    marked_page_ms = median_after_ms(mark, lambda: get(f"/athletes/{name}/progress"), RUNS)

    def log() -> None:  # a run added without an import: easy, on the squad's day
        log_run(store, name, NOW.date(), "easy", 5000.0, 1500.0, NOW)

    log_write_ms = median_ms(log, RUNS)
    logged_ms = median_after_ms(log, the_progress, RUNS)
    logged_page_ms = median_after_ms(log, lambda: get(f"/athletes/{name}/progress"), RUNS)
    # an installed miler starts from cached bytecode: a run under PYTHONDONTWRITEBYTECODE
    # would time the compiler at every start (the first round writes it)
    env = {**os.environ, "MILER_DATABASE_URL": url, "MILER_DATA_DIR": str(data_dir)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [MILER, "progress", "--athlete", name]
    baseline = os.environ.get("MILER_BENCH_BASELINE_SRC")  # another miler's src/, to compare
    timed = _interleaved({
        "pass": ([sys.executable, "-c", "pass"], env),
        "text": (command, env), "json": ([*command, "--json"], env),
        "today": ([MILER, "today", "--athlete", name, "--date", NOW.date().isoformat()], env),
        **({"before": (command, {**env, "PYTHONPATH": baseline})} if baseline else {}),
    }, PROCESS_RUNS * 2)  # the kept row stands: the page above kept it
    bare, cli_ms, cli_json_ms = timed["pass"], timed["text"], timed["json"]
    # right after a write: the fast path answers when the write kept the progress; else it
    # declines and the full one works it out
    def command_ms() -> None:
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)

    full_ms = median_after_ms(mark, command_ms, PROCESS_RUNS)
    full_logged_ms = median_after_ms(log, command_ms, PROCESS_RUNS)
    # the write commands themselves, as processes (each `miler log` adds a run)
    writes = _interleaved({
        "skip": ([MILER, "session", "skip", last, "--athlete", name], env),
        "log": ([MILER, "log", NOW.date().isoformat(), "--distance", "5km", "--time", "25:00",
                 "--athlete", name], env)}, PROCESS_RUNS)
    print(f"{label}: {ATHLETES} athletes x {RUNS_EACH} runs, built in {built_s:.0f} s "
          f"(load {os.getloadavg()[0]:.1f})")
    print(f"  squad (service)                {squad_ms:7.1f} ms  (median of {RUNS})")
    print(f"  /athletes page                 {list_page_ms:7.1f} ms kept, "
          f"{fresh_list_ms:.1f} ms rendered")
    print(f"  writes (service)               {mark_write_ms:7.1f} ms a session marked "
          f"(set_session_status), {log_write_ms:.1f} ms a run logged (log_run); as processes: "
          f"`miler session skip` {writes['skip']:.1f} ms, `miler log` {writes['log']:.1f} ms")
    print(f"  progress (service)             {progress_ms:7.1f} ms kept, "
          f"{marked_ms:.1f} ms after a session marked, {logged_ms:.1f} ms after a run "
          f"logged, {worked_ms:.1f} ms worked out (x{worked_ms / logged_ms:.1f})")
    print(f"  /athletes/{name}/progress  {progress_page_ms:7.1f} ms kept, "
          f"{fresh_page_ms:.1f} ms rendered from the kept progress, "
          f"{marked_page_ms:.1f} ms after a session marked, "
          f"{logged_page_ms:.1f} ms after a run logged, "
          f"{scratch_page_ms:.1f} ms from scratch (x{scratch_page_ms / logged_page_ms:.1f})")
    print(f"  miler progress (process)       {cli_ms:7.1f} ms  (python -c pass {bare:.1f} ms, "
          f"x{cli_ms / bare:.1f}); --json {cli_json_ms:.1f} ms; "
          f"after a session marked {full_ms:.1f} ms, after a run logged {full_logged_ms:.1f} ms")
    print(f"  miler today (process)          {timed['today']:7.1f} ms  "
          f"(x{timed['today'] / bare:.1f} python -c pass; read through the read-only store)")
    if baseline:
        print(f"  miler progress, {baseline}  {timed['before']:7.1f} ms  "
              f"(x{timed['before'] / cli_ms:.1f} this one's)")
    print("  query plans:")
    _explain(store.engine, _statements(store.engine, lambda: (
        the_squad(), squad_version(store, coach_id=coach.id, athlete=None, now=NOW),
        the_progress(), log(), the_progress())))
    get.close()
    client.close()
    store.close()


def _interleaved(commands: dict[str, tuple[list[str], dict[str, str]]],
                 rounds: int) -> dict[str, float]:
    """Each command's median wall time over ``rounds``, one of each in turn (a burst of
    load falls on all alike); the first round is a warm-up, not counted."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(rounds + 1):
        for name, (cmd, env) in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            if round_:
                times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(found) for name, found in times.items()}


def _postgres_url() -> str | None:
    return os.environ.get("MILER_BENCH_POSTGRES_URL") or os.environ.get("MILER_TEST_POSTGRES_URL")


def _settle(url: str) -> None:
    """PostgreSQL: the statistics and visibility map of the rows just built, as autovacuum
    would leave them, so its own work on them does not land in the timings (one run took
    half as long again throughout, the squad list too)."""
    if not url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as db:
        db.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def _empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as db:
        db.execute(text("DROP SCHEMA public CASCADE"))
        db.execute(text("CREATE SCHEMA public"))
    engine.dispose()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="miler-squad-") as tmp:
        bench(f"sqlite:///{tmp}/squad.db", "SQLite", Path(tmp))
        postgres = _postgres_url()
        if postgres:
            _empty_postgres(postgres)
            bench(postgres, "PostgreSQL", Path(tmp))
        else:
            print("PostgreSQL: skipped (set MILER_BENCH_POSTGRES_URL to an empty database)")
