"""The core stays pure: domain/ imports only the standard library, numpy and itself."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import miler

SRC = Path(miler.__file__).resolve().parent
ALLOWED_THIRD_PARTY = {"numpy"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_imports_only_stdlib_numpy_and_itself() -> None:
    offenders = []
    for path in sorted((SRC / "domain").rglob("*.py")):
        for name in _imports(path):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY:
                continue
            if name.startswith(("miler.domain", "miler.errors")):
                continue
            offenders.append(f"{path.relative_to(SRC)} imports {name}")
    assert offenders == []


def test_domain_has_no_io_or_clock() -> None:
    banned = {"open(", "datetime.now", "date.today", "time.time(", "random.", "os.environ"}
    hits = [
        f"{path.relative_to(SRC)}: {word}"
        for path in sorted((SRC / "domain").rglob("*.py"))
        for word in banned
        if word in path.read_text(encoding="utf-8")
    ]
    assert hits == []


def test_public_api_all_is_unique_and_resolves() -> None:
    # Order is ruff's RUF022 (isort-style), checked by `make lint`.
    assert len(set(miler.__all__)) == len(miler.__all__)
    for name in miler.__all__:
        assert getattr(miler, name) is not None


def test_import_miler_stays_light() -> None:
    import subprocess

    code = ("import sys, miler; "
            "print(sorted(m for m in ('typer', 'rich', 'numpy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_only_cli_render_imports_rich() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*.py"))
        if "render" not in path.relative_to(SRC).parts
        and any(name.split(".")[0] == "rich" for name in _imports(path))
    ]
    assert offenders == []


def test_lazy_names_are_public() -> None:
    import miler

    assert set(miler._LAZY) <= set(miler.__all__)
