"""What both readers of ``miler progress``'s fast path share (``adapters/kept_sqlite.py``,
``adapters/kept_postgres.py``): the statements, where ``?`` marks a parameter and the
document comes back as the JSON text it was stored as, and that text's reading
(:func:`read_document`: ``json.loads``'s own C scanner with its settings, without the
``json`` package's regular expressions and encoder, 5 M instructions; anything the scanner
does not take whole falls back to ``json.loads``). Loads nothing."""

from __future__ import annotations

__all__ = ["KEPT", "KNOWN_FILES", "NAMES", "REVISION", "read_document"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from typing import Any

#: The schema's Alembic revision(s).
REVISION = "SELECT version_num FROM alembic_version"
#: Every athlete's name, in the repository's order.
NAMES = "SELECT name FROM athletes ORDER BY name"
#: An athlete's data version, and their kept summary of a kind: the data version it was made
#: at, the miler that made it, its document's text (parameters: the kind, the name).
KEPT = ("SELECT a.data_version, k.data_version, k.made_by, CAST(k.doc AS TEXT) "
        "FROM athletes AS a "
        "LEFT JOIN kept_summaries AS k ON k.athlete_id = a.id AND k.kind = ? "
        "WHERE a.name = ?")
#: The SHA-256 of every file stored for an athlete (parameter: the name).
KNOWN_FILES = ("SELECT f.file_sha256 FROM activities AS f "
               "JOIN athletes AS a ON a.id = f.athlete_id "
               "WHERE a.name = ? AND f.file_sha256 IS NOT NULL")


class _Scanning:
    """The settings ``json.loads`` gives its C scanner (``json.decoder.JSONDecoder``'s)."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"-Infinity": float("-inf"), "Infinity": float("inf"),
                      "NaN": float("nan")}.__getitem__


def read_document(text: str) -> Any:
    """``json.loads(text)``: the same value, or the same error. A document the C scanner
    reads whole from its first character is taken from it; anything else (whitespace
    around it, an error, another Python's scanner) is read, or refused, by ``json.loads``."""
    try:
        from _json import make_scanner

        value, end = make_scanner(_Scanning())(text, 0)  # type: ignore[arg-type]
        if end == len(text):
            return value
    except Exception:  # json.loads below reads it, or says what is wrong
        pass
    import json

    return json.loads(text)
