"""What a backup must be before a restore touches the database: every table known, every
row an object, JSON nested at most ``MAX_DEPTH`` deep, names by the athlete name rule,
every plan readable as a plan (``PlanView.from_doc``), and activity paths that cannot point
miler at a file of its data folder other than the activity's own kept upload.

An activity's path outside the data folder is kept: ``miler import`` records there the file
it read (``/home/ada/watch/run.fit``), and such a path is only ever shown, never opened (the
web serves ``kept_file`` paths only).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from miler.domain.names import ID_PATTERN
from miler.errors import InvalidInputError

__all__ = ["MAX_DEPTH", "NAME", "check"]

MAX_DEPTH: Final = 64  # a plan document is about 8 deep
#: domain.names.ID_PATTERN, in any case (``miler athlete add`` once stored "Ada")
NAME: Final = re.compile(ID_PATTERN, re.IGNORECASE)
_USERNAME: Final = re.compile(ID_PATTERN)
_OBJECTS: Final = {"athletes": ("profile", "history"), "plans": ("inputs", "doc"),
                   "activities": ("doc",)}


def _refuse(where: str, rule: str, value: Any) -> InvalidInputError:
    shown = value if isinstance(value, str | int | float | None) else type(value).__name__
    return InvalidInputError(f"backup {where}", rule, shown[:80] if isinstance(shown, str)
                             else shown)


def _depth(value: Any) -> int:
    """How deep ``value`` nests (without recursion: the input may be hostile)."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, level = todo.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        if isinstance(item, Mapping):
            todo.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            todo.extend((v, level + 1) for v in item)
    return deepest


def _tables(doc: Any) -> dict[str, list[dict[str, Any]]]:
    from miler.adapters.storage import revisions
    from miler.adapters.storage.dump import SCHEMA, TABLES

    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise InvalidInputError("FILE", f"must be a {SCHEMA} document",
                                doc.get("schema") if isinstance(doc, dict) else
                                type(doc).__name__)
    if doc.get("revision") is not None and doc["revision"] not in revisions():
        raise _refuse("revision", "must be a schema this miler knows (a newer miler made "
                      "it?)", doc["revision"])
    if _depth(doc) > MAX_DEPTH:
        raise _refuse("document", f"must nest at most {MAX_DEPTH} deep", "deeper")
    tables = doc.get("tables")
    if not isinstance(tables, dict) or set(tables) - set(TABLES):
        raise _refuse("tables", f"must be some of {', '.join(TABLES)}",
                      ", ".join(sorted(tables)) if isinstance(tables, dict) else tables)
    for name, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise _refuse(name, "must be a list of rows", rows)
    return tables


def _names(tables: dict[str, list[dict[str, Any]]]) -> dict[Any, str]:
    from miler.services.ports import Role

    for i, row in enumerate(tables.get("athletes", [])):
        if not isinstance(row.get("name"), str) or not NAME.fullmatch(row["name"]):
            raise _refuse(f"athletes[{i}].name", "must be 1 to 40 letters, digits, _ or -, "
                          "starting with a letter or digit", row.get("name"))
    for i, row in enumerate(tables.get("web_users", [])):
        if not isinstance(row.get("username"), str) or not _USERNAME.fullmatch(row["username"]):
            raise _refuse(f"web_users[{i}].username", "must be 1 to 40 lower-case letters, "
                          "digits, _ or -", row.get("username"))
        if row.get("role") not in {str(r) for r in Role}:
            raise _refuse(f"web_users[{i}].role", "must be coach or athlete", row.get("role"))
    return {row.get("id"): row["name"] for row in tables.get("athletes", [])}


def _documents(tables: dict[str, list[dict[str, Any]]]) -> None:
    from miler.domain.plan_view import PlanView

    for table, columns in _OBJECTS.items():
        for i, row in enumerate(tables.get(table, [])):
            for column in columns:
                if column in row and not isinstance(row[column], dict):
                    raise _refuse(f"{table}[{i}].{column}", "must be a JSON object",
                                  row[column])
    for i, row in enumerate(tables.get("plans", [])):
        try:
            PlanView.from_doc(row.get("doc") or {})
        except InvalidInputError as exc:
            raise _refuse(f"plans[{i}].doc", f"must be a miler.plan/1 plan ({exc})",
                          "refused") from None
        except (TypeError, KeyError, ValueError, AttributeError) as exc:
            raise _refuse(f"plans[{i}].doc", "must be a miler.plan/1 plan",
                          exc.__class__.__name__) from None


def _paths(tables: dict[str, list[dict[str, Any]]], names: dict[Any, str],
           data_dir: Path) -> None:
    from miler.adapters.files.keep import is_kept_path

    root = data_dir.resolve()
    for i, row in enumerate(tables.get("activities", [])):
        path = row.get("path")
        if path is None:
            continue
        where = f"activities[{i}].path"
        if not isinstance(path, str) or not path.isprintable() or ".." in Path(path).parts:
            raise _refuse(where, "must be a plain file path (no '..', no control "
                          "characters)", path)
        inside = Path(path).is_absolute() and Path(path).resolve().is_relative_to(root)
        if inside and not is_kept_path(root, names.get(row.get("athlete_id"), ""), path,
                                       row.get("file_sha256")):
            raise _refuse(where, "must be the activity's kept upload "
                          "<data>/uploads/<athlete>/<sha256>.<ext>, or outside the data "
                          "folder", path)


def check(doc: Any, data_dir: Path) -> None:
    """InvalidInputError naming the first thing wrong with backup ``doc``, if any."""
    tables = _tables(doc)
    names = _names(tables)
    _documents(tables)
    _paths(tables, names, data_dir)
