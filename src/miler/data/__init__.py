"""Tables miler ships, read once on first use. See SOURCES.md for where each comes from."""

from __future__ import annotations

from functools import cache

from miler.domain.age_grading import AgeTable, Sex
from miler.domain.units import Venue

__all__ = ["age_table", "runner_age_table"]


@cache
def _age_doc() -> dict[str, dict[str, object]]:
    import json  # read on first use only: start-up stays fast
    from importlib import resources

    text = resources.files(__package__).joinpath("age_grading.json").read_text("utf-8")
    doc: dict[str, dict[str, object]] = json.loads(text)
    return doc


def age_table(venue: Venue, sex: Sex) -> AgeTable:
    """The shipped mile factors for ``venue`` and ``sex``."""
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
    return None if sex is None else age_table(Venue.TRACK, sex)
