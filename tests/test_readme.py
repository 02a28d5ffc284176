"""The README's sessions are real: each `$ miler ...` block runs and prints what it shows.

A session whose output ends with a line of just ``...`` shows the start of a long output:
that start must match exactly."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def _sessions() -> list[tuple[str, str]]:
    sessions = []
    for block in BLOCK.findall(README.read_text(encoding="utf-8")):
        if not block.startswith("$ "):
            continue
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            sessions.append((command, output))
    return sessions


def _normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def test_readme_shows_the_two_commands_first() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1]
    first = BLOCK.search(quick)
    assert first is not None
    assert [line.split()[:2] for line in first.group(1).strip().splitlines()] == [
        ["make", "demo"], ["make", "test"]]


def test_readme_has_sessions() -> None:
    assert len(_sessions()) >= 2


@pytest.mark.parametrize(("command", "expected"), _sessions(), ids=lambda v: v[:40])
def test_readme_session_output_is_real(command: str, expected: str) -> None:
    argv = shlex.split(command)
    assert argv[0] == "miler"
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    done = subprocess.run([sys.executable, "-m", "miler", *argv[1:]], capture_output=True,
                          text=True, env=env, check=False, cwd=README.parent)
    got, want = _normalise(done.stdout + done.stderr), _normalise(expected)
    if want.endswith("\n..."):  # a long output shown in part: the part must match exactly
        assert got.startswith(want.removesuffix("..."))
    else:
        assert got == want
