"""Tables miler ships, read once on first use. See SOURCES.md for where each comes from."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: `miler schema` and --help need only SCHEMAS
    from miler.domain.age_grading import AgeTable, Sex
    from miler.domain.units import Venue

__all__ = ["SCHEMAS", "age_table", "runner_age_table", "schema", "schema_text"]

#: The JSON contracts miler ships (``data/schemas/<name>.schema.json``): what ``--json`` emits,
#: each document naming its own as ``"schema": "miler.<name>/1"``; ``error`` is what a command
#: writes on stderr when it fails under ``--json``.
SCHEMAS = ("accounts", "activity", "agegrade", "athlete", "athletes", "backup", "error",
           "fitness", "import", "log", "paces", "plan", "predict", "progress", "race",
           "session", "today")


@cache
def _age_doc() -> dict[str, dict[str, object]]:
    import json  # read on first use only: start-up stays fast
    from importlib import resources

    text = resources.files(__package__).joinpath("age_grading.json").read_text("utf-8")
    doc: dict[str, dict[str, object]] = json.loads(text)
    return doc


def age_table(venue: Venue, sex: Sex) -> AgeTable:
    """The shipped mile factors for ``venue`` and ``sex``."""
    from miler.domain.age_grading import AgeTable

    venue_doc = _age_doc()[venue.value]
    entry = venue_doc[sex.value]
    assert isinstance(entry, dict)  # the shipped file's shape, checked by its tests
    return AgeTable(venue=venue, sex=sex, open_s=float(entry["open_s"]),
                    first_age=int(entry["first_age"]),
                    factors=tuple(float(f) for f in entry["factors"]),
                    source=str(venue_doc["source"]))


def runner_age_table(sex: Sex | None) -> AgeTable | None:
    """The track mile factors for a runner of ``sex`` (None when sex is unknown): what the
    planner needs to grade a masters runner's test mile."""
    from miler.domain.units import Venue

    return None if sex is None else age_table(Venue.TRACK, sex)


def schema_text(name: str) -> str:
    """The packaged JSON Schema ``name`` (one of :data:`SCHEMAS`), as shipped."""
    from importlib import resources

    from miler.errors import InvalidInputError

    if name not in SCHEMAS:
        raise InvalidInputError("NAME", f"must be one of {', '.join(SCHEMAS)}", name)
    files = resources.files(__package__).joinpath("schemas")
    return files.joinpath(f"{name}.schema.json").read_text("utf-8")


def schema(name: str) -> dict[str, object]:
    """The packaged JSON Schema ``name`` as a document."""
    import json

    doc: dict[str, object] = json.loads(schema_text(name))
    return doc
