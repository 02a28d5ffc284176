"""``miler backup`` / ``restore`` from the command line, on a SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_backup_and_restore_round_trip(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, copy = str(tmp_path / "miler.db"), str(tmp_path / "copy.json")
    code, out, _ = cli("backup", copy, "--db", db)
    assert (code, out.strip()) == (0, f"Backed up to {copy}: 0 athletes, 0 users, "
                                      "0 coach links, 0 plans, 0 activities, 0 sessions, "
                                      "0 results.")
    code, out, _ = cli("restore", copy, "--db", str(tmp_path / "other.db"))
    assert code == 0
    assert out.startswith(f"Restored from {copy}: 0 athletes")


@pytest.mark.parametrize(
    ("args", "message"),
    [(["backup", "plan.txt"], "FILE must end in .json, .db, .sqlite or .sqlite3, got 'plan.txt'"),
     (["restore", "missing.json"], "FILE must be a backup file that exists, got 'missing.json'")],
)
def test_bad_files_exit_2(cli, tmp_path: Path, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(*args, "--db", str(tmp_path / "miler.db"))
    assert (code, out) == (2, "")
    assert err.strip() == f"miler: error: {message}"


@pytest.mark.parametrize("content", [b"", b"not a database at all"])
def test_an_empty_or_foreign_backup_is_refused_in_one_line(
        cli, tmp_path: Path, content: bytes) -> None:  # type: ignore[no-untyped-def]
    db, bad = str(tmp_path / "miler.db"), tmp_path / "bad.db"
    assert cli("athlete", "add", "Ada", "--weekly-miles", "20", "--db", db)[0] == 0
    bad.write_bytes(content)
    code, out, err = cli("restore", str(bad), "--replace", "--db", db)
    assert (code, out) == (2, "")
    assert err.startswith("miler: error: FILE must be a miler backup (")
    assert len(err.strip().splitlines()) == 1
    assert bad.read_bytes() == content  # read, never migrated
    assert "Ada" in cli("athlete", "list", "--db", db)[1]
