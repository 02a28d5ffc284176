"""Issue 17: ``miler account``: add a coach and set passwords from the machine that holds
the database; a new password ends every session of that user."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

GOOD = "a longer river stone"


@pytest.fixture
def run(cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    db = str(tmp_path / "miler.db")

    def go(*args: str, stdin: str = GOOD + "\n") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code, out, err = cli("account", *args, "--db", db)
        return code, out, err

    go.db = db  # type: ignore[attr-defined]
    return go


def test_add_coaches_list_them_and_share_a_squad(run, cli) -> None:  # type: ignore[no-untyped-def]
    assert run("list")[1].startswith("No accounts yet")
    assert run("add-coach", "Head", "--password-stdin")[1] == "Added coach head.\n"
    assert cli("athlete", "add", "ann", "--weekly-miles", "20", "--db", run.db)[0] == 0
    from miler.services import accounts
    from miler.services.ports import open_storage

    store = open_storage(f"sqlite:///{run.db}")
    head = accounts.find_user(store, "head")
    assert head is not None
    with store.transaction() as repo:
        repo.accounts.link(head.id, "ann")
    code, out, _ = run("add-coach", "assist", "--share-with", "head", "--password-stdin")
    assert (code, out) == (0, "Added coach assist. They look after head's athletes too.\n")
    assert run("list")[1].splitlines() == ["assist  coach    ann", "head    coach    ann"]


def test_a_new_password_ends_every_session(run) -> None:  # type: ignore[no-untyped-def]
    from miler.adapters.passwords import verify_password
    from miler.services import accounts
    from miler.services.ports import open_storage

    assert run("add-coach", "head", "--password-stdin")[0] == 0
    store = open_storage(f"sqlite:///{run.db}")
    head = accounts.find_user(store, "head")
    assert head is not None
    now = datetime.now(UTC)
    token = accounts.log_in(store, head.id, now)
    assert accounts.session_user(store, token, now) == head
    code, out, _ = run("password", "head", "--password-stdin", stdin="another long phrase\n")
    assert (code, out) == (0, "Password set for head; their sessions have ended.\n")
    assert accounts.session_user(store, token, now) is None
    changed = accounts.find_user(store, "head")
    assert changed is not None
    assert verify_password(changed.password_hash, "another long phrase")


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [(["password", "nobody", "--password-stdin"], GOOD, 1, "no user named 'nobody'"),
     (["add-coach", "c2", "--password-stdin"], "password12", 2,
      "password must not be a common or repetitive password, got 'a common password'"),
     (["add-coach", "c2", "--password-stdin"], " " * 12, 2,
      "password must not be blank or hold control characters, got '12 characters'"),
     (["add-coach", "c2", "--password-stdin"], "c2-runs-fast-now", 2,
      "password must not contain the user name, got 'the user name'"),
     (["add-coach", "../etc", "--password-stdin"], GOOD, 2,
      "USERNAME must be 1 to 40 of a-z, 0-9, - and _, starting with a letter or digit, "
      "got '../etc'"),
     (["add-coach", "c2", "--share-with", "zed", "--password-stdin"], GOOD, 2,
      "--share-with must be a coach's username, got 'zed'")],
)
def test_bad_input_is_one_line_and_stores_nothing(run, args: list[str], stdin: str, code: int,  # type: ignore[no-untyped-def]
                                                  message: str) -> None:
    got, out, err = run(*args, stdin=stdin + "\n")
    assert (got, out, err) == (code, "", f"miler: error: {message}\n")
    assert run("list")[1].startswith("No accounts yet")
