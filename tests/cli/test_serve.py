"""``miler serve``: refuses a network address without --coach; starts uvicorn otherwise."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_a_network_address_needs_coach_mode(cli, host: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("serve", "--host", host)
    assert code == 2
    assert out == ""
    assert err == (f"miler: error: --host must be this machine (127.0.0.1, localhost or ::1) "
                   f"unless --coach: local mode has no login, got '{host}'\n")


def test_a_key_without_a_certificate_is_refused(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("serve", "--ssl-keyfile", "key.pem")
    assert code == 2
    assert "--ssl-keyfile goes with --ssl-certfile (give both)" in err


@pytest.mark.parametrize(("args", "mode", "secure"), [
    ([], "local", False),
    (["--coach"], "coach", False),
    (["--coach", "--host", "0.0.0.0"], "coach", True),
])
def test_serve_starts_uvicorn_with_the_app(cli, monkeypatch: pytest.MonkeyPatch, tmp_path,  # type: ignore[no-untyped-def]
                                           args: list[str], mode: str, secure: bool) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.setenv("MILER_DATA_DIR", str(tmp_path))
    code, _, err = cli("serve", *args, "--port", "8123")
    assert code == 0
    assert seen["port"] == 8123
    assert str(seen["app"].state.web.mode) == mode
    assert "serving http://" in err
    middleware = {m.cls.__name__: m.kwargs for m in seen["app"].user_middleware}
    assert middleware["SessionMiddleware"]["https_only"] is secure


def test_the_cli_does_not_load_the_web_stack_until_serve_runs() -> None:
    code = ("import sys, miler.cli.app; "
            "print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("typed", ["Sam Smith", "sam-smith", "SAM SMITH"])
def test_a_runner_added_in_the_cli_opens_in_the_web_app(cli, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                        tmp_path, typed: str) -> None:
    import uvicorn
    from fastapi.testclient import TestClient

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.setenv("MILER_DATA_DIR", str(tmp_path))
    db = str(tmp_path / "miler.db")
    code, out, _ = cli("athlete", "add", "Sam Smith", "--weekly-miles", "20", "--db", db)
    assert code == 0
    assert out.startswith("Sam Smith (id sam-smith): ")
    assert cli("plan", "--weekly-miles", "20", "--save", "--athlete", typed, "--db", db)[0] == 0
    code, _, err = cli("serve", "--athlete", typed, "--db", db)
    assert (code, seen["app"].state.web.local_athlete) == (0, "sam-smith"), err
    with TestClient(seen["app"], base_url="http://127.0.0.1") as client:
        page = client.get("/api/athletes/sam-smith/plan")
    assert page.status_code == 200, page.text


@pytest.mark.parametrize(("typed", "rule"), [
    ("../../etc", "--athlete must be a name, not a path (no /, \\ or leading .), got '../../etc'"),
    ("  ", "--athlete must not be empty or only spaces, got '  '"),
    ("a\x1bb", "--athlete must not contain control characters, got 'a\\x1bb'"),
])
def test_serve_refuses_a_name_that_is_not_one(cli, typed: str, rule: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("serve", "--athlete", typed) == (2, "", f"miler: error: {rule}\n")
