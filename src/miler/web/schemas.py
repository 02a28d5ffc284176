"""The JSON API's shapes, for the OpenAPI schema: what each page shows, as data.

Contract documents (``miler.plan/1``, ``miler.race/1``, ``miler.activity/1``) pass
through as objects; their own JSON Schemas (``schemas/``) describe them.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Status = Literal["planned", "done", "skipped"]


class Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class Goal(Model):
    mile_s: float
    clock: str
    verdict: str
    reason: str
    suggested: str | None


class PaceRow(Model):
    name: str
    mile: str
    km: str
    lap: str


class Card(Model):
    id: str
    date: str = Field(description="The session's day (where it was moved to, if it was).")
    moved: bool
    kind: str
    intensity: str
    title: str
    hard: bool
    status: str
    activity_id: int | None
    distance: str
    duration: str


class Day(Model):
    date: str
    label: str
    weekday: str
    today: bool
    sessions: list[Card]


class Week(Model):
    index: int
    phase: str
    start_date: str
    planned_distance_m: float
    miles: str
    easier: bool
    days: list[Day]


class PlanPage(Model):
    athlete: str
    version: int
    goal: Goal
    start_date: str
    race_date: str
    weekdays: list[str]
    paces: list[PaceRow]
    weeks: list[Week]
    sessions_total: int
    sessions_done: int
    plan: dict[str, Any] = Field(description="The miler.plan/1 document.")


class Step(Model):
    kind: str
    label: str
    steps: list[Step] | None = None
    amount: str | None = None
    pace: dict[str, str] | None = Field(None, description="Per mile, km and 400 m lap.")


class SessionPage(Card):
    athlete: str
    weekday: str
    week: int
    phase: str
    why: str
    steps: list[Step]
    intervals_icu: str | None = Field(
        None, description="The run this session is part of as an intervals.icu plain-text "
        "workout (None: not a run).")


class StatusIn(BaseModel):
    status: Status


class MoveIn(BaseModel):
    to: date = Field(description="The new day: inside the plan, never next to a hard day.")


class OnboardingIn(BaseModel):
    """Onboarding's answers. Times in seconds; leave ``test_mile_s`` out for "I don't know"."""

    weekly_miles: float = Field(ge=0, le=150, allow_inf_nan=False)
    test_mile_s: float | None = Field(None, gt=0, le=3600, allow_inf_nan=False)
    goal_mile_s: float | None = Field(None, gt=0, le=3600, allow_inf_nan=False)
    insist: bool = Field(False, description="Keep the goal even when it is unrealistic or "
                         "already achieved (the plan warns; reps stay within fitness).")
    training_days: list[Weekday] | None = Field(
        None, max_length=7, description="Left out: every day but Monday.")
    long_run_day: Weekday | None = None
    age: int | None = Field(None, ge=5, le=110)
    sex: Literal["female", "male"] | None = None
    units: Literal["mi", "km"] = "mi"
    start: date | None = None
    race_date: date | None = None
    weeks: int | None = Field(None, ge=6, le=10)
    name: str | None = Field(None, max_length=100)
    tz: str | None = Field(None, max_length=60, description="A time zone, e.g. Europe/London.")


class OnboardingPage(Model):
    athlete: str
    answers: dict[str, Any]
    has_plan: bool


class PlanMade(Model):
    athlete: str
    version: int
    goal: Goal
    plan_url: str
    plan: dict[str, Any]


class RacePage(Model):
    athlete: str
    goal: str
    venue: str
    strategy: str
    band_url: str
    race: dict[str, Any] = Field(description="The miler.race/1 document.")


class ActivityRow(Model):
    id: int
    day: str
    sport: str
    distance_m: float
    elapsed_s: float | None
    best_mile_s: float | None
    matched_session: str | None
    url: str


class UploadsPage(Model):
    athlete: str
    activities: list[ActivityRow]
    max_file_mb: int
    max_files: int


class UploadResult(Model):
    name: str
    ok: bool
    message: str
    activity_id: int | None
    matched_session: str | None
    summary: dict[str, Any]


class UploadsDone(Model):
    athlete: str
    replanned: str | None = Field(description="Why the plan was re-made, if a run re-set "
                                  "the paces (a time trial, a faster mile).")
    results: list[UploadResult]


class ImportedRunView(Model):
    name: str
    title: str
    day: str
    sport: str
    distance_m: float
    best_mile_s: float | None
    manual: bool
    activity_id: int
    matched_session: str | None


class ImportJobView(Model):
    id: str
    athlete: str
    state: str = Field(description="running, done or failed")
    done: int = Field(description="Files read so far.")
    total: int | None = Field(description="Files to read, once the uploads are unpacked.")
    lines: list[str] = Field(description="The report `miler import` prints, once done.")
    stored: list[ImportedRunView]
    error: str | None
    poll: str = Field(description="This document's URL.")


class ActivityPage(Model):
    athlete: str
    id: int
    day: str
    file_url: str | None
    matched: Card | None
    efforts: list[dict[str, Any]]
    splits: list[dict[str, Any]]
    laps: list[dict[str, Any]]
    activity: dict[str, Any] = Field(description="The miler.activity/1 document.")
    note: str | None = Field(None, description="The matched session's note, e.g. 'done, "
                                               "off target'.")
    reps: list[dict[str, Any]] = Field(default_factory=list, description="Reps scored "
                                       "against the matched session's, as table cells.")
    track: dict[str, Any] | None = Field(None, description="On a 400 m track: lane, "
                                         "corrected and GPS distance, laps as run.")


class ProgressPage(Model):
    athlete: str
    weeks: list[dict[str, Any]]
    best_mile: list[dict[str, Any]]
    age_grade: list[dict[str, Any]]
    age_grade_note: str
    speed_sessions: list[dict[str, Any]]
    fitness: list[dict[str, Any]] = Field(
        default_factory=list, description="The mile estimate at the end of each week (mile_s "
        "and interval_80 null where there was too little hard running) with the mile results "
        "run that week (ran).")
    reps: dict[str, Any] | None = Field(None, description="Reps against targets over the "
                                        "block: counts, mean error in s per 400 m, a line.")


class Download(Model):
    name: str
    url: str
    media_type: str
    about: str


class DownloadsPage(Model):
    athlete: str
    downloads: list[Download]


class SessionInfo(Model):
    mode: str
    csrf_token: str = Field(description="Send it back as the X-CSRF-Token header on POSTs.")
    user: str | None
    role: str | None
    athlete: str | None
    home: str


class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=40)
    password: str = Field(min_length=1, max_length=1024)


class NewAthleteIn(BaseModel):
    username: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")
    password: str = Field(min_length=1, max_length=1024)
    name: str | None = Field(None, max_length=100)


class NewCoachIn(BaseModel):
    username: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")
    password: str = Field(min_length=1, max_length=1024)
    share: bool = Field(False, description="Also look after every athlete the adding coach "
                                           "looks after.")


class PasswordChangeIn(BaseModel):
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


class PasswordSetIn(BaseModel):
    new_password: str = Field(min_length=1, max_length=1024)


class AthleteSummary(Model):
    name: str
    display_name: str
    goal: str | None
    this_week: str
    plan_url: str


class AthletesPage(Model):
    athletes: list[AthleteSummary]
