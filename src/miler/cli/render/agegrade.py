"""``miler agegrade`` output."""

from __future__ import annotations

from typing import Any

from miler.cli.render import console
from miler.domain.age_grading import AgeGrade, standing
from miler.domain.units import format_clock


def age_grade_doc(grade: AgeGrade, source: str) -> dict[str, Any]:
    return {
        "schema": "miler.agegrade/1",
        "time_s": grade.time_s, "age": grade.age, "sex": str(grade.sex),
        "venue": str(grade.venue), "factor": grade.factor,
        "age_standard_s": round(grade.age_standard_s, 2), "percent": round(grade.percent, 2),
        "graded_time_s": round(grade.graded_time_s, 2), "level": grade.level, "source": source,
    }


def age_grade_view(grade: AgeGrade, source: str) -> None:
    out = console()
    out.print(f"{format_clock(grade.time_s, 2)} mile, {grade.sex} aged {grade.age}, "
              f"{grade.venue}: {grade.percent:.1f} % age-graded ({grade.level})")
    out.print(f"  open-class equivalent  {format_clock(grade.graded_time_s, 2)}")
    out.print(f"  best for the age       {format_clock(grade.age_standard_s, 2)} "
              f"(factor {grade.factor:.4f})")
    out.print(f"  against the average    {standing(grade.time_s, grade.sex)}")
    out.print(f"Bands: 90 % world class, 80 % national, 70 % regional, 60 % local. {source}.")
