"""The database tables (SQLAlchemy 2). Kept apart from the domain: rows are mapped to and
from domain values explicitly in ``mapping.py``.

Plans are versions: every re-plan adds a row to ``plans`` with the reason, and the newest
is the athlete's current plan; old versions stay. Sessions of each version are rows, so a
run can be matched to one and a session marked done, skipped or moved. Activities keep the
source file's SHA-256, so importing the same file twice is a no-op.

``athletes.data_version`` is a random token the repository renews on every write to an
athlete's data (profile, plans, sessions, runs, results): the web app keeps a rendered page
while it stands (``web/cache.py``), in every server process, and a restored backup brings
back the token with the very rows it stood for. ``kept_summaries`` holds what was worked out
from an athlete's data (the progress summary) under the token it was worked out at: it is
thrown away with the athlete, left out of backups (it is made again), and a summary whose
token is not the athlete's current one is never used.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = ["ActivityRow", "AthleteRow", "Base", "KeptSummaryRow", "PlanRow", "ResultRow",
           "SessionRow", "new_data_version"]


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON}


def new_data_version() -> str:
    """A fresh ``athletes.data_version``: 128 random bits, never reused by chance."""
    return secrets.token_hex(16)


class AthleteRow(Base):
    __tablename__ = "athletes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    profile: Mapped[dict[str, Any]]  # weekly miles, test mile, days, age, sex, units
    history: Mapped[dict[str, Any]] = mapped_column(default=dict)  # summary of imports
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    data_version: Mapped[str] = mapped_column(String(32), default=new_data_version,
                                              server_default="0")

    plans: Mapped[list[PlanRow]] = relationship(back_populates="athlete",
                                                cascade="all, delete-orphan")


class PlanRow(Base):
    __tablename__ = "plans"
    # each athlete's newest plan and its goal (the squad list) from the index alone
    __table_args__ = (UniqueConstraint("athlete_id", "version"),
                      Index("ix_plans_athlete_id_version_goal", "athlete_id", "version",
                            "goal_mile_s"))

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    inputs: Mapped[dict[str, Any]]  # what generate_plan was given, to re-plan from
    doc: Mapped[dict[str, Any]]  # the miler.plan/1 document
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # the doc's goal.mile_s, so the squad list never reads a whole plan for it (None: a plan
    # kept before migration 0004 filled it, or restored from a backup without it)
    goal_mile_s: Mapped[float | None] = mapped_column(Float)

    athlete: Mapped[AthleteRow] = relationship(back_populates="plans")
    sessions: Mapped[list[SessionRow]] = relationship(back_populates="plan",
                                                      cascade="all, delete-orphan")


class SessionRow(Base):
    __tablename__ = "sessions"
    # a plan's sessions by day (the calendar), and a week's of them by status (the squad
    # list) from the index alone
    __table_args__ = (UniqueConstraint("plan_id", "session_id"),
                      Index("ix_sessions_plan_id_day_status", "plan_id", "day", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    session_id: Mapped[str] = mapped_column(String(100))
    day: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    intensity: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(Text)
    planned_distance_m: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(10), default="planned")  # done, skipped
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)

    plan: Mapped[PlanRow] = relationship(back_populates="sessions")


class ActivityRow(Base):
    __tablename__ = "activities"
    # an athlete's runs in date order (progress, fitness) without sorting them first; their
    # count and newest id (the runs stamp) from the index alone
    __table_args__ = (UniqueConstraint("athlete_id", "file_sha256"),
                      Index("ix_activities_athlete_id_day", "athlete_id", "day"),
                      Index("ix_activities_athlete_id_id", "athlete_id", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    file_sha256: Mapped[str | None] = mapped_column(String(64))  # None for a logged run
    path: Mapped[str | None] = mapped_column(Text)
    day: Mapped[date] = mapped_column(Date, index=True)  # the runner's local date
    sport: Mapped[str] = mapped_column(String(30))
    kind: Mapped[str | None] = mapped_column(String(20))  # for logged runs: easy, long, ...
    distance_m: Mapped[float] = mapped_column(Float)
    elapsed_s: Mapped[float | None] = mapped_column(Float)
    moving_s: Mapped[float | None] = mapped_column(Float)
    best_mile_s: Mapped[float | None] = mapped_column(Float, index=True)
    doc: Mapped[dict[str, Any]]  # the miler.activity/1 document (laps, best efforts)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ResultRow(Base):
    __tablename__ = "results"

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"),
                                            index=True)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # test_mile, time_trial, race
    distance_m: Mapped[float] = mapped_column(Float)
    time_s: Mapped[float] = mapped_column(Float)
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL"))


class KeptSummaryRow(Base):
    __tablename__ = "kept_summaries"

    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"),
                                            primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)  # "progress"
    data_version: Mapped[str] = mapped_column(String(32))  # athletes.data_version it is for
    made_by: Mapped[str] = mapped_column(String(40))  # the miler version that worked it out
    doc: Mapped[dict[str, Any]]
