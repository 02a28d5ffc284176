"""Issue 19: ``--json`` on every command that prints data, each document valid against the
schema the package ships (``miler schema NAME``); with ``--json`` errors are JSON on stderr,
with the same exit codes."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer.main

from miler.cli import main
from miler.cli.app import app
from miler.cli.reference import _walk
from miler.data import SCHEMAS, schema
from tests.conftest import ROOT

FIT = str(ROOT / "tests" / "data" / "track-fenix6.fit")
START = "2026-12-07"  # a Monday: the plan's sessions below are that week's

#: Commands that print no data: a server, a schema (JSON already), password prompts.
NO_DATA = {"serve", "schema", "account add-coach", "account password"}

#: Every command with --json: (arguments, the schema its document names). "DB" and "BACKUP"
#: are filled in with the test's copy of a database holding a runner, a plan and a login.
CASES: dict[str, list[tuple[list[str], str]]] = {
    "paces": [(["7:00"], "paces")],
    "predict": [(["7:00", "--from", "5k=23:44"], "predict")],
    "agegrade": [(["7:00", "--age", "45", "--sex", "female"], "agegrade")],
    "race": [(["--goal", "7:00"], "race")],
    "analyze": [([FIT], "activity")],
    "plan": [(["--weekly-miles", "20", "--start", START], "plan")],
    "import": [([FIT, "--db", "DB"], "import"), ([FIT, "--dry-run"], "import")],
    "today": [(["--date", "2026-12-08", "--db", "DB"], "today")],
    "log": [(["2026-12-09", "--distance", "3mi", "--time", "27:00", "--db", "DB"], "log")],
    "progress": [(["--db", "DB"], "progress")],
    "fitness": [([FIT, "--today", "2021-06-20"], "fitness")],
    "athlete add": [(["Ann Lee", "--weekly-miles", "15", "--db", "DB"], "athlete")],
    "athlete list": [(["--db", "DB"], "athletes")],
    "athlete show": [(["Sam Smith", "--db", "DB"], "athlete")],
    "session done": [(["2026-12-08-fartlek", "--db", "DB"], "session")],
    "session skip": [(["2026-12-10-easy", "--db", "DB"], "session")],
    "session move": [(["2026-12-09-easy", "--to", "2026-12-07", "--db", "DB"], "session")],
    "backup": [(["OUT", "--db", "DB"], "backup")],
    "restore": [(["BACKUP", "--replace", "--db", "DB"], "backup")],
    "account list": [(["--db", "DB"], "accounts")],
}


def _commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    return {name.removeprefix("miler "): command for name, command in _walk(group, "miler")
            if not hasattr(command, "commands")}


def _has_json(command: Any) -> bool:
    return any("--json" in getattr(p, "opts", ()) for p in command.params)


def test_every_command_that_prints_data_has_json_and_a_case_here() -> None:
    commands = _commands()
    with_json = {name for name, command in commands.items() if _has_json(command)}
    assert with_json == set(CASES)
    assert set(commands) - with_json == NO_DATA


def test_every_document_kind_has_a_packaged_schema() -> None:
    assert {name for cases in CASES.values() for _, name in cases} | {"error"} == set(SCHEMAS)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with Sam Smith, a saved plan from START, an imported run and a coach."""
    folder = tmp_path_factory.mktemp("json")
    db = str(folder / "miler.db")
    steps = [["athlete", "add", "Sam Smith", "--weekly-miles", "20", "--test-mile", "7:45",
              "--age", "45", "--sex", "female"],
             ["plan", "--weekly-miles", "20", "--test-mile", "7:45", "--start", START,
              "--save", "--athlete", "Sam Smith"],
             ["import", FIT], ["account", "add-coach", "head", "--password-stdin"],
             ["backup", str(folder / "backup.json")]]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO("a longer river stone\n"))
        for step in steps:
            assert main([*step, "--db", db]) == 0, step
    return folder


@pytest.fixture
def database(template: Path, tmp_path: Path) -> dict[str, str]:
    for part in template.glob("miler.db*"):  # with SQLite's -wal file, if there is one
        shutil.copy(part, tmp_path / part.name)
    return {"DB": str(tmp_path / "miler.db"), "BACKUP": str(template / "backup.json"),
            "OUT": str(tmp_path / "out.json")}


def _args(words: str, args: list[str], database: dict[str, str]) -> list[str]:
    return [*words.split(), *(database.get(a, a) for a in args), "--json"]


CASE_IDS = [(words, args, name) for words, cases in CASES.items() for args, name in cases]


@pytest.mark.parametrize(("words", "args", "name"), CASE_IDS,
                         ids=[f"{w} {' '.join(a[:1])}" for w, a, _ in CASE_IDS])
def test_json_output_is_valid_against_its_packaged_schema(
        cli: Any, database: dict[str, str], words: str, args: list[str], name: str) -> None:
    code, out, err = cli(*_args(words, args, database))
    assert code == 0, err
    doc = json.loads(out)
    assert doc["schema"] == f"miler.{name}/1"
    jsonschema.validate(doc, schema(name), format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("words", sorted(CASES))
def test_json_errors_are_json_on_stderr_with_the_same_exit_code(
        cli: Any, database: dict[str, str], words: str) -> None:
    args = CASES[words][0][0]
    plain = cli(*_args(words, args, database)[:-1], "--no-such-option")
    code, out, err = cli(*_args(words, args, database), "--no-such-option")
    assert (code, out) == (plain[0], "")
    assert code == 2
    doc = json.loads(err)
    jsonschema.validate(doc, schema("error"))
    assert doc["error"]["code"] == 2


@pytest.mark.parametrize(("args", "code", "detail"), [
    (["paces", "7:6x"], 2, {"field": "GOAL", "value": "7:6x"}),
    (["athlete", "show", "nobody", "--db", "DB"], 1, {}),
    (["today", "--date", "someday", "--db", "DB"], 2, {"field": "--date",
                                                       "rule": "must be a date like 2026-12-06"}),
    (["athlete", "add", "../../etc", "--weekly-miles", "20", "--db", "DB"], 2,
     {"field": "NAME", "value": "../../etc"}),
])
def test_a_json_error_names_the_field_rule_and_value(cli: Any, database: dict[str, str],
                                                     args: list[str], code: int,
                                                     detail: dict[str, str]) -> None:
    plain_code, _, plain_err = cli(*(database.get(a, a) for a in args))
    got, out, err = cli(*(database.get(a, a) for a in args), "--json")
    assert (got, plain_code, out) == (code, code, "")
    doc = json.loads(err)
    jsonschema.validate(doc, schema("error"))
    assert doc["error"]["message"] == plain_err.removeprefix("miler: error: ").rstrip("\n")
    assert detail.items() <= doc["error"].items()
