"""An outside checker: reads a miler.plan/1 document by DESIGN.md's definitions only.

It knows nothing of the planner's code: just the document, the schema's kinds and DESIGN.md's
"Coaching rules" and "Plan mechanics". ``violations(doc)`` lists every broken rule in words
(an empty list means the plan keeps them all).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from miler.domain.equivalence import cameron_time

MILE = 1609.344
HARD_KINDS = {"speed", "threshold", "fartlek", "hills", "time_trial", "race"}
RUN_KINDS = HARD_KINDS | {"easy", "long", "strides"}
EASY_RUN_KINDS = {"easy", "long"}
# "About": a quarter mile of rounding (half a km for km runners) on top of each rule.
TOLERANCE_M = 0.35 * MILE
SEED_SESSIONS = ({"repeats_200", "repeats_400"}, {"fartlek"}, {"ladder"}, {"goal_tempo"},
                 {"repeats_800"})
PLYOMETRICS = ("Box jumps", "bounding", "Burpees")


def _d(text: str) -> date:
    return date.fromisoformat(text)


def is_hard(session: dict[str, Any]) -> bool:
    return session["kind"] in HARD_KINDS and session["intensity"] == "hard"


def step_distance(step: dict[str, Any]) -> float:
    if step["kind"] == "repeat":
        return float(step["times"] * sum(step_distance(s) for s in step["steps"]))
    return float(step.get("distance_m", 0.0))


def _walk(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for step in steps:
        out.append(step)
        if step["kind"] == "repeat":
            out += _walk(step["steps"])
    return out


def violations(doc: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for rule in (_calendar, _race_last, _phases, _hard_sessions, _running_days, _long_runs,
                 _volume, _base, _taper, _seed_sessions, _tests, _steps, _strength, _ids,
                 _caps, _fitness, _threshold, _untested_by_effort, _training_goal,
                 _single_runs, _days_off):
        out += rule(doc)
    return out


def _all(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for week in doc["weeks"] for s in week["sessions"]]


def _calendar(doc: dict[str, Any]) -> list[str]:
    out = []
    start, race = _d(doc["start_date"]), _d(doc["race_date"])
    for i, week in enumerate(doc["weeks"], start=1):
        first = start + timedelta(days=7 * (i - 1))
        if week["index"] != i or _d(week["start_date"]) != first:
            out.append(f"week {i}: index or start date is not a 7-day block from the start")
        for s in week["sessions"]:
            if not first <= _d(s["date"]) <= first + timedelta(days=6):
                out.append(f"week {i}: session {s['id']} dated outside the week")
    dates = {_d(s["date"]) for s in _all(doc)}
    day = start
    while day <= race:
        if day not in dates:
            out.append(f"{day}: no session (not even rest)")
        day += timedelta(days=1)
    last_week = start + timedelta(days=7 * (len(doc["weeks"]) - 1))
    if not last_week <= race <= last_week + timedelta(days=6):
        out.append("the race date is not in the last week")
    return out


def _race_last(doc: dict[str, Any]) -> list[str]:
    race = _d(doc["race_date"])
    races = [s for s in _all(doc) if s["kind"] == "race"]
    out = []
    if len(races) != 1 or _d(races[0]["date"]) != race:
        out.append("there must be exactly one race, on the race date")
    after = [s["id"] for s in _all(doc) if _d(s["date"]) > race]
    if after:
        out.append(f"sessions after the race: {after}")
    return out


def _phases(doc: dict[str, Any]) -> list[str]:
    phases = [w["phase"] for w in doc["weeks"]]
    base = phases.count("base")
    block = phases[base:]
    out = []
    if phases[:base] != ["base"] * base:
        out.append("base weeks must come first")
    if not 6 <= len(block) <= 10:
        out.append(f"the mile block has {len(block)} weeks, not 6 to 10")
    if block[-2:] != ["taper", "race"]:
        out.append("the block must end with a taper week and the race week")
    middle = block[:-2]
    builds = middle.count("build")
    if not builds or middle != ["build"] * builds + ["sharpen"] * (len(middle) - builds) \
            or builds == len(middle):
        out.append(f"build weeks then sharpen weeks expected, got {middle}")
    return out


def apart(doc: dict[str, Any]) -> int:
    """Days between hard sessions at least: 2, or 3 from 60 (DESIGN.md "Sound coaching")."""
    return 3 if (doc["athlete"].get("age") or 0) >= 60 else 2


def two_hard_days_fit(doc: dict[str, Any]) -> bool:
    """Do the runner's days, the long-run day aside, hold two hard days far enough apart?"""
    order = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    athlete = doc["athlete"]
    days = [order.index(d) for d in athlete["training_days"] if d != athlete["long_run_day"]]
    return any(min((b - a) % 7, (a - b) % 7) >= apart(doc)
               for i, a in enumerate(days) for b in days[i + 1:])


def _hard_sessions(doc: dict[str, Any]) -> list[str]:
    """Two hard sessions in build and sharpen weeks, or one when the runner's days hold no two
    far enough apart (three training days, or few days at 60 and over): the one exception."""
    out = []
    loading = {2} if two_hard_days_fit(doc) else {1}
    for week in doc["weeks"]:
        hard = [s for s in week["sessions"] if is_hard(s)]
        n, phase = len(hard), week["phase"]
        others = [s for s in hard if s["kind"] != "race"]
        ok = {"base": n == 0, "build": n in loading, "sharpen": n in loading, "taper": n <= 2,
              "race": len(others) <= 1 and n - len(others) == 1}[phase]
        if not ok:
            out.append(f"week {week['index']} ({phase}): {n} hard sessions")
    hard_dates = sorted(_d(s["date"]) for s in _all(doc) if is_hard(s))
    for a, b in pairwise(hard_dates):
        if (b - a).days < apart(doc):
            out.append(f"hard sessions {(b - a).days} days apart: {a}, {b}")
    return out


def _days(sessions: list[dict[str, Any]], kinds: set[str]) -> set[date]:
    return {_d(s["date"]) for s in sessions if s["kind"] in kinds}


def _running_days(doc: dict[str, Any]) -> list[str]:
    out = []
    race = _d(doc["race_date"])
    for week in doc["weeks"]:
        sessions, i = week["sessions"], week["index"]
        runs = _days(sessions, RUN_KINDS)
        all_days = {_d(s["date"]) for s in sessions}
        full = _d(week["start_date"]) + timedelta(days=6) <= race
        if full and not all_days - runs:
            out.append(f"week {i}: no day without running")
        if week["phase"] in ("build", "sharpen"):
            # A second easy run on a hard day leaves it a hard day.
            easy_days = _days(sessions, EASY_RUN_KINDS) - {_d(s["date"]) for s in sessions
                                                           if is_hard(s)}
            longs = [s for s in sessions if s["kind"] == "long"]
            # 5+ days: 2 hard + 3-4 easy; 4 days: 2 quality + easy + long; 3 days: 1-2 quality
            # + long (+ an easy run when only one quality session fits).
            n_days = len(doc["athlete"]["training_days"])
            want_runs, want_easy = (5, (3, 4)) if n_days >= 5 else (n_days, (1, n_days - 1))
            if len(runs) < want_runs or not want_easy[0] <= len(easy_days) <= want_easy[1] \
                    or len(longs) != 1:
                out.append(f"week {i}: {len(runs)} running days, {len(easy_days)} easy days, "
                           f"{len(longs)} long runs")
            if not any(s["kind"] == "rest" for s in sessions):
                out.append(f"week {i}: no rest day")
    return out


def _long_runs(doc: dict[str, Any]) -> list[str]:
    out = []
    for week in doc["weeks"]:
        total = week["planned_distance_m"]
        easy = [s["planned_distance_m"] for s in week["sessions"] if s["kind"] == "easy"]
        for s in week["sessions"]:
            if s["kind"] != "long":
                continue
            # About 30 % at most; on 3-4 running days a tenth more than an even split.
            run_days = len(_days(week["sessions"], RUN_KINDS))
            share = 0.30 if run_days >= 5 else max(0.30, 1 / max(run_days, 1) + 0.1)
            if s["planned_distance_m"] > share * total + TOLERANCE_M:
                out.append(f"week {week['index']}: long run over {share:.0%} of the week")
            if s["planned_duration_s"] > 110 * 60:
                out.append(f"week {week['index']}: long run over 110 minutes")
            if easy and s["planned_distance_m"] < max(easy):
                out.append(f"week {week['index']}: an easy run is longer than the long run")
            efforts = {st.get("effort") for st in _walk(s["steps"]) if st["kind"] == "work"}
            if efforts != {6}:
                out.append(f"week {week['index']}: long run effort {efforts}, not 6 of 10")
    return out


def _single_runs(doc: dict[str, Any]) -> list[str]:
    """No easy run over about 90 minutes; the long run shorter once speed comes first."""
    out = [f"{s['id']}: an easy run of {s['planned_duration_s'] / 60:.0f} minutes"
           for s in _all(doc) if s["kind"] == "easy" and s["planned_duration_s"] > 95 * 60]
    longest: dict[str, float] = defaultdict(float)
    for week in doc["weeks"]:
        for s in week["sessions"]:
            if s["kind"] == "long":
                longest[week["phase"]] = max(longest[week["phase"]], s["planned_distance_m"])
    for later in ("sharpen", "taper"):
        if longest["build"] and longest[later] > longest["build"] + TOLERANCE_M:
            out.append(f"a {later} long run longer than the build weeks' longest")
    return out


def _volume(doc: dict[str, Any]) -> list[str]:
    """Up about 10 % over the peak so far (1.5 miles at low mileage); easier every 3–4 weeks."""
    out = []
    peak = doc["athlete"]["weekly_miles"] * MILE
    run_of_loading = 0
    # Loading weeks in a row are counted in the base and in the block apart (the first block
    # week holds the base's volume); a 6-week block runs its four straight into the taper.
    longest_run = 4 if doc["block_weeks"] == 6 else 3
    planned_peak = 0.0  # what the plan itself has reached (the runner's figure may not fit)
    for week in doc["weeks"]:
        v, i = week["planned_distance_m"], week["index"]
        if week["phase"] == "race":
            continue
        first_of_block = i == doc["base_weeks"] + 1
        if first_of_block:
            run_of_loading = 0
            if week.get("easier"):
                out.append(f"week {i}: the first block week is a step-back week")
        if doc["block_weeks"] == 6 and week["phase"] in ("build", "sharpen") \
                and week.get("easier"):
            out.append(f"week {i}: a step-back week inside a 6-week block")
        allowed = max(1.10 * peak, peak + 1.5 * MILE) + TOLERANCE_M
        if v > allowed:
            out.append(f"week {i}: {v / MILE:.2f} mi rises too fast over a peak of "
                       f"{peak / MILE:.2f}")
        easier = v <= 0.85 * peak + 1e-6
        if week.get("easier") and week["phase"] not in ("taper",) and not easier:
            out.append(f"week {i}: marked easier but {v / MILE:.2f} of {peak / MILE:.2f} mi")
        # (A week may also come out short when its runs reach their time limits: a slow
        # runner on high mileage. Only a week planned as a step-back must not overdo it.)
        few_days = len(doc["athlete"]["training_days"]) <= 4  # volume bound by the long run
        # (A time trial's result re-paces the weeks after it, and with the paces what the
        # runs' time limits hold: the check stops at the time trial's week.)
        tt = doc.get("time_trial") or {}
        repaced = tt.get("result_s") is not None \
            and _d(week["start_date"]) + timedelta(days=6) >= _d(tt["date"])
        if week.get("easier") and week["phase"] != "taper" and not few_days and not repaced \
                and v < 0.6 * planned_peak - TOLERANCE_M:
            out.append(f"week {i}: an easier week far more than a quarter down")
        run_of_loading = 0 if easier else run_of_loading + 1
        if run_of_loading > longest_run:
            out.append(f"week {i}: {run_of_loading} weeks in a row without an easier week")
        peak = max(peak, v)
        planned_peak = max(planned_peak, v)
    return out


def _base(doc: dict[str, Any]) -> list[str]:
    weeks = doc["weeks"]
    base = [w for w in weeks if w["phase"] == "base"]
    miles = doc["athlete"]["weekly_miles"]
    out = []
    if (miles < 15) != bool(base):
        out.append(f"{miles} miles a week but {len(base)} base weeks")
    few_days = len(doc["athlete"]["training_days"]) <= 4  # runs at their limits may not reach
    if base and base[-1]["planned_distance_m"] < 15 * MILE - TOLERANCE_M and not few_days:
        out.append("base building ends under 15 miles a week")
    for w in base:
        if any(s["kind"] in HARD_KINDS for s in w["sessions"]):
            out.append(f"week {w['index']}: speedwork in a base week")
    return out


def _taper(doc: dict[str, Any]) -> list[str]:
    weeks = doc["weeks"]
    loading = [w["planned_distance_m"] for w in weeks if w["phase"] in ("base", "build",
                                                                         "sharpen")]
    peak = max([doc["athlete"]["weekly_miles"] * MILE, *loading])
    out = []
    for w in weeks[-2:]:
        if w["planned_distance_m"] > 0.8 * peak + TOLERANCE_M:
            out.append(f"week {w['index']} ({w['phase']}) does not taper")
    if weeks[-1]["planned_distance_m"] > weeks[-2]["planned_distance_m"] + TOLERANCE_M:
        out.append("the race week is longer than the taper week")
    return out


def _seed_sessions(doc: dict[str, Any]) -> list[str]:
    if not two_hard_days_fit(doc):
        return []  # one quality session a week leaves room for the most important only
    keys = {s.get("workout") for s in _all(doc)}
    return [f"seed session missing: {sorted(group)}" for group in SEED_SESSIONS
            if not group & keys]


def _tests(doc: dict[str, Any]) -> list[str]:
    out = []
    block = [w for w in doc["weeks"] if w["phase"] != "base"]
    if doc["athlete"].get("test_mile_s") is None and not doc["goal"].get("estimated"):
        first = next((s for s in _all(doc) if is_hard(s)), None)
        if doc["goal"]["verdict"] != "untested":
            out.append("no test mile known but the verdict is not untested")
        if first is None or first["kind"] != "time_trial" or first not in block[0]["sessions"]:
            out.append("no test mile known but the block does not open with one")
    middle = block[2:-2]
    if not any(s["kind"] == "time_trial" for w in middle for s in w["sessions"]):
        out.append("no time trial mid-block")
    return out


def _steps(doc: dict[str, Any]) -> list[str]:
    out = []
    for week in doc["weeks"]:
        total = 0.0
        for s in week["sessions"]:
            planned = s.get("planned_distance_m")
            is_run = s["kind"] in RUN_KINDS
            if is_run != (planned is not None and planned > 0):
                out.append(f"{s['id']}: run sessions and only they have a distance")
            summed = sum(step_distance(st) for st in s.get("steps", []))
            if planned is not None and abs(summed - planned) > 1e-6 * max(planned, 1.0):
                out.append(f"{s['id']}: steps add to {summed}, session says {planned}")
            total += planned or 0.0
            for st in _walk(s.get("steps", [])):
                if "pace" in st and not ("distance_m" in st and "duration_s" in st):
                    out.append(f"{s['id']}: a paced step without distance and duration")
        if abs(total - week["planned_distance_m"]) > 1e-6 * max(total, 1.0):
            out.append(f"week {week['index']}: sessions add to {total}, week says "
                       f"{week['planned_distance_m']}")
    return out


def _strength(doc: dict[str, Any]) -> list[str]:
    out = []
    for week in doc["weeks"]:
        strength = [s for s in week["sessions"] if s["kind"] == "strength"]
        mobility = [s for s in week["sessions"] if s["kind"] == "mobility"]
        if week["phase"] in ("build", "sharpen") and (not 1 <= len(strength) <= 2
                                                      or not mobility):
            out.append(f"week {week['index']}: {len(strength)} strength, "
                       f"{len(mobility)} mobility sessions")
        for s in strength:
            for st in s["steps"]:
                if not (st["kind"] == "exercise" and st.get("name") and st.get("sets")
                        and (st.get("reps") or st.get("duration_s"))):
                    out.append(f"{s['id']}: strength step without exercise, sets and reps")
                plyo = any(p.lower() in st.get("name", "").lower() for p in PLYOMETRICS)
                if plyo and week["phase"] in ("base", "build"):
                    out.append(f"{s['id']}: plyometrics before the sharpen weeks")
                out += _masters_lift(doc, s["id"], st, plyo)
    return out


def _masters_lift(doc: dict[str, Any], sid: str, step: dict[str, Any], plyo: bool) -> list[str]:
    """From 50 lighter lifts and fewer jumps; from 60 no high-impact plyometrics."""
    age = doc["athlete"].get("age") or 0
    if age >= 60 and plyo:
        return [f"{sid}: {step['name']} at {age} (low-impact plyometrics from 60)"]
    if age >= 50 and ((plyo and step["sets"] > 2) or step["name"] == "Deadlifts"):
        return [f"{sid}: {step['name']} x {step['sets']} sets at {age} (lighter from 50)"]
    return []


def _days_off(doc: dict[str, Any]) -> list[str]:
    """From 70 an extra day without running: two in every full week."""
    if (doc["athlete"].get("age") or 0) < 70 or len(doc["athlete"]["training_days"]) <= 4:
        return []
    race = _d(doc["race_date"])
    out = []
    for week in doc["weeks"]:
        if _d(week["start_date"]) + timedelta(days=6) > race or week["phase"] == "race":
            continue
        runs = _days(week["sessions"], RUN_KINDS)
        if 7 - len(runs) < 2:
            out.append(f"week {week['index']}: one day without running at 70 and over")
    return out


def _ids(doc: dict[str, Any]) -> list[str]:
    ids = [s["id"] for s in _all(doc)]
    counts: dict[str, int] = defaultdict(int)
    for i in ids:
        counts[i] += 1
    return [f"duplicate id {i}" for i, n in counts.items() if n > 1 or not i]


# DESIGN.md "Paces": no rep faster than the runner can repeat at the week's fitness for its
# length. Reps up to 400 m: 800 m race pace; up to 800 m: 1500 m; up to a mile: the mile;
# longer: 2-mile race pace. Race paces from the week's mile by Cameron's curve.
CAP_RACES = ((400.0, 800.0), (800.0, 1500.0), (MILE + 1.0, MILE), (float("inf"), 2 * MILE))
WORLD_RECORD_S = 223.13
PACE_SLACK_S = 0.05  # the document rounds paces and the week's mile to hundredths


def cap_pace(mile_s: float, rep_m: float) -> float:
    race = next(race for up_to, race in CAP_RACES if rep_m <= up_to)
    if race == MILE:
        return mile_s
    return cameron_time(mile_s, MILE, race) * MILE / race


def _work_steps(session: dict[str, Any]) -> list[dict[str, Any]]:
    return [st for st in _walk(session.get("steps", [])) if st["kind"] == "work"]


def _caps(doc: dict[str, Any]) -> list[str]:
    out = []
    tt = doc.get("time_trial") or {}
    for week in doc["weeks"]:
        if week.get("fitness_mile_s") is None:
            continue
        for s in week["sessions"]:
            if not is_hard(s) or s["kind"] == "race":
                continue
            # The time trial's result re-bases the sessions after it, in its own week too.
            fitness = tt["result_s"] if tt.get("result_s") is not None and \
                week["start_date"] <= tt["date"] < s["date"] else week["fitness_mile_s"]
            for st in _work_steps(s):
                if "pace" not in st:
                    continue
                cap = cap_pace(fitness, st["distance_m"])
                if st["pace"]["s_per_mile"][0] < cap - PACE_SLACK_S:
                    out.append(f"{s['id']}: {st['distance_m']:.0f} m at "
                               f"{st['pace']['s_per_mile'][0]} s/mi, faster than the cap "
                               f"{cap:.2f} for a {fitness} mile")
    return out


def _fitness(doc: dict[str, Any]) -> list[str]:
    """Week 1 of the block runs on today's mile; later weeks move toward the goal, no further."""
    out = []
    block = [w for w in doc["weeks"] if w["phase"] != "base"]
    current = doc["goal"]["current_mile_s"]
    target = doc.get("target_mile_s")
    if target is None or any(w.get("fitness_mile_s") is None for w in block):
        return ["block weeks without the fitness their paces come from"]
    if abs(block[0]["fitness_mile_s"] - current) > PACE_SLACK_S:
        out.append("block week 1 does not start from the current mile")
    if target < doc["goal"]["mile_s"] - PACE_SLACK_S and abs(target - current) > PACE_SLACK_S:
        out.append("the block's fitness heads past the goal trained for")
    tt = doc.get("time_trial") or {}
    for week in block:
        fitness = week["fitness_mile_s"]
        after_tt = tt.get("result_s") is not None and week["start_date"] > tt["date"]
        start = tt["result_s"] if after_tt else current
        if not min(target, start) - PACE_SLACK_S <= fitness <= start + PACE_SLACK_S:
            out.append(f"week {week['index']}: fitness {fitness} outside {target}..{start}")
    return out


def _threshold(doc: dict[str, Any]) -> list[str]:
    """Two true threshold sessions (their paces are held to the caps like any rep)."""
    sessions = [s for s in _all(doc) if s.get("workout") == "threshold" and is_hard(s)]
    if not two_hard_days_fit(doc):
        return []  # one quality session a week: the seed's sessions come first
    return [] if len(sessions) >= 2 else ["fewer than two true threshold sessions"]


def _untested_by_effort(doc: dict[str, Any]) -> list[str]:
    if doc["athlete"].get("test_mile_s") is not None or doc["goal"].get("estimated"):
        return []  # a fitness estimate from the history gives provisional paces from day one
    test = next((s for s in _all(doc) if s["kind"] == "time_trial"), None)
    if test is None:
        return ["an untested runner without a test mile"]
    return [f"{s['id']}: a pace before the test mile" for s in _all(doc)
            if s["date"] <= test["date"]
            and any("pace" in st for st in _walk(s.get("steps", [])))]


def _training_goal(doc: dict[str, Any]) -> list[str]:
    out = []
    goal = doc["goal"]
    trained = goal["mile_s"]
    if abs(doc["paces"]["goal_mile"]["s_per_mile"][1] - trained) > PACE_SLACK_S:
        out.append("paces.goal_mile is not the goal trained for")
    race = [s for s in _all(doc) if s["kind"] == "race"]
    laps = [st for s in race for st in _work_steps(s) if st.get("name", "").startswith("lap")]
    if abs(sum(st["duration_s"] for st in laps) - trained) > 0.05:
        out.append("the race is not paced for the goal trained for")
    swap = goal["verdict"] in ("unrealistic", "achieved") and goal["goal_given"] \
        and not goal.get("insisted") and goal["suggested_mile_s"] is not None \
        and goal.get("asked_mile_s", trained) != goal["suggested_mile_s"]
    if swap and (trained != goal["suggested_mile_s"] or "asked_mile_s" not in goal):
        out.append("an unrealistic or achieved goal still drives the plan")
    suggested = goal["suggested_mile_s"]
    if suggested is not None and suggested <= WORLD_RECORD_S:
        out.append(f"suggested {suggested}: at or beyond the world record")
    return out
