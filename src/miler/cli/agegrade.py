"""``miler agegrade``: a mile time against the best for the runner's age and sex."""

from __future__ import annotations

from typing import Annotated

import typer

from miler.cli import params


def agegrade(
    mile: Annotated[str, typer.Argument(
        metavar="M:SS", help="A mile time, e.g. 7:00.", show_default=False)],
    age: Annotated[str, typer.Option("--age", metavar="YEARS",
                                     help="Age in whole years on race day.",
                                     show_default=False)],
    sex: Annotated[str, typer.Option("--sex", metavar="{female|male}",
                                     help="female or male.", show_default=False)],
    venue: Annotated[str, typer.Option("--venue", metavar="{road|track}",
                                       help="road or track.")] = "road",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """Age-graded percentage, open-class equivalent and class band of a mile."""
    from miler.data import age_table
    from miler.domain.age_grading import Sex, age_grade
    from miler.domain.units import Venue

    time = params.mile_time(mile, "MILE")
    years = params.whole_number(age, "--age", 5, 110)
    table = age_table(Venue.parse(venue, "--venue"), Sex.parse(sex, "--sex"))
    grade = age_grade(time.seconds, years, table)
    from miler.cli.render import json_out
    from miler.cli.render.agegrade import age_grade_doc, age_grade_view

    if as_json:
        json_out(age_grade_doc(grade, table.source))
    else:
        age_grade_view(grade, table.source)
