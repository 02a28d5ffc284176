"""The layers hold, read from the source with ``ast`` (every import, also those inside
functions):

- the core (``domain/``) imports only the standard library, numpy, ``miler.errors`` and itself;
- adapters never import a shell (``cli``, ``web``);
- shells never import ``adapters.storage`` or SQLAlchemy: they call services;
- services never import a shell.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

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
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom):  # relative: would hide a layer crossing
            names.add("." * node.level + (node.module or ""))
    return names


def _crossings(layer: str, banned: tuple[str, ...]) -> list[str]:
    """Imports in ``miler/<layer>/`` of a banned module (or anything under it)."""
    return sorted(
        f"{path.relative_to(SRC)} imports {name}"
        for path in (SRC / layer).rglob("*.py")
        for name in _imports(path)
        if name.startswith(".") or any(name == b or name.startswith(b + ".") for b in banned)
    )


SHELLS = ("miler.cli", "miler.web")


@pytest.mark.parametrize("layer", ["cli", "web"])
def test_shells_never_touch_storage(layer: str) -> None:
    assert _crossings(layer, ("miler.adapters.storage", "sqlalchemy", "alembic")) == []


def test_adapters_never_import_a_shell() -> None:
    assert _crossings("adapters", SHELLS) == []


def test_services_never_import_a_shell() -> None:
    assert _crossings("services", (*SHELLS, "sqlalchemy")) == []


def test_the_crossing_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    shell = tmp_path / "route.py"
    shell.write_text("def f():\n    from miler.adapters.storage.repository import Store\n")
    assert "miler.adapters.storage.repository" in _imports(shell)


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


PUBLIC = {
    "METERS_PER_MILE", "PACE_UNITS", "TRACK_LAP_M", "Activity", "ActivityFileError",
    "AgeGrade", "AgeTable", "Analysis", "Assessment", "Athlete", "BestEffort",
    "ConflictingInputError", "CorruptFileError", "Distance", "Duration", "ExportError",
    "HistorySummary", "InvalidInputError", "Lap", "MilerError", "NotFoundError", "Pace",
    "PaceRange", "PaceTable", "Phase", "Plan", "Prediction", "RacePlan", "Result", "Session",
    "Sex", "StorageError", "Strategy", "TrainingPaces", "Venue", "Verdict", "Week", "Weekday",
    "__version__", "age_grade", "age_table", "analyze_file", "assess", "best_efforts",
    "cameron_time", "daniels_score", "daniels_time", "fit_riegel_exponent", "generate_plan",
    "pace_table", "plan_race", "predict", "read_activity", "recognise_mile_test",
    "riegel_time", "scan_history", "training_paces",
}


def test_the_public_names_are_the_documented_ones() -> None:
    """Adding or dropping a public name is a decision: change this list with it."""
    assert set(miler.__all__) == PUBLIC


def test_the_public_api_reaches_no_storage_and_no_shell() -> None:
    """The docstring's claim: core values, file reading and the read-only use cases."""
    homes = {getattr(getattr(miler, name), "__module__", "miler") for name in miler.__all__
             if not name.isupper() and name != "__version__"}
    assert sorted(h for h in homes if h.startswith(("miler.cli", "miler.web",
                                                    "miler.adapters.storage"))) == []


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
