"""``miler predict``: equivalent race times from a mile or from one or two results."""

from __future__ import annotations

from typing import Annotated

import typer

from miler.cli import params
from miler.errors import InvalidInputError


def predict(
    mile: Annotated[str | None, typer.Argument(
        metavar="[MILE]", help="A mile time, e.g. 7:00.", show_default=False)] = None,
    results: Annotated[list[str] | None, typer.Option(
        "--from", metavar="DIST=TIME",
        help="A recent result, e.g. 5k=23:44 or 1mi=7:05; give one or two.",
        show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """Equivalent times from 400 m to the marathon, one column per model, with the spread."""
    from miler.domain.prediction import Result, predict
    from miler.domain.units import METERS_PER_MILE

    given = [params.race_result(text) for text in results or []]
    if mile is not None:
        given.insert(0, (METERS_PER_MILE, params.mile_time(mile, "MILE").seconds))
    if not 1 <= len(given) <= 2:
        raise InvalidInputError("--from", "needs a mile time or one or two results",
                                " ".join([mile or "", *(results or [])]).strip())
    prediction = predict([Result(d, t) for d, t in given])
    from miler.cli.render import json_out
    from miler.cli.render.predict import prediction_doc, prediction_view

    if as_json:
        json_out(prediction_doc(prediction))
    else:
        prediction_view(prediction)
