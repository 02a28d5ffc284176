"""A track run's analysis reads the corrected distance everywhere: best efforts, and the
fitness efforts kept for the estimate (issue 20's ``fitness`` field)."""

from __future__ import annotations

import pytest

from miler.domain.fitness_efforts import run_efforts
from miler.domain.units import METERS_PER_MILE
from miler.services.analysis import activity_doc, analyze
from tests.domain.runs import START
from tests.domain.test_track import STEADY
from tests.domain.track_runs import POOR, track_run


def test_fitness_efforts_use_the_track_corrected_distance() -> None:
    # Lane 1 on a poor GPS day: the watch's own distance is 2.2 % short (docs/track.md),
    # so its mile would take about 9 s longer than the 402.3 s run at 4 m/s.
    activity, _ = track_run(1, STEADY, POOR, 7, lat=51.5, angle=0.4, warm_up_m=800.0)
    found = analyze(activity)
    assert found.track is not None
    doc = activity_doc(found)
    mile = next(e for e in doc["fitness"]["efforts"]
                if e["distance_m"] == pytest.approx(METERS_PER_MILE))
    assert mile["elapsed_s"] == pytest.approx(METERS_PER_MILE / 4.0, rel=0.01)
    assert mile["elapsed_s"] == pytest.approx(doc["best_efforts"]["mile"]["elapsed_s"],
                                              abs=1.0)
    # the raw GPS distance would have given a slower mile (the fault this test guards)
    raw = run_efforts(activity, START.date())
    raw_mile = next(c for c in raw.candidates if c.distance_m == pytest.approx(METERS_PER_MILE))
    assert raw_mile.elapsed_s > 1.015 * mile["elapsed_s"]
