"""Bulk imports running in the background, which the import page polls.

A job owns a scratch folder holding what was uploaded; a thread of the server imports it
through ``services.uploads.import_export`` (every file read in the bounded worker,
``adapters/worker.py``), counting files as they finish, and then removes the folder. Jobs are
bounded: at most ``MAX_RUNNING`` at once (another is refused until one ends) and the last
``MAX_KEPT`` finished ones are remembered, in memory only: a restart forgets them, not the
runs they stored.
"""

from __future__ import annotations

import secrets
import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from miler.errors import MilerError
from miler.web.throttle import TooManyAttemptsError

__all__ = ["MAX_KEPT", "MAX_RUNNING", "ImportJob", "ImportJobs"]

MAX_RUNNING: Final = 2
MAX_KEPT: Final = 32


@dataclass(slots=True)
class ImportJob:
    id: str
    athlete: str
    folder: Path
    state: str = "running"  # running, done, failed
    done: int = 0
    total: int | None = None  # files, once the uploads are walked
    lines: list[str] = field(default_factory=list)  # the CLI's report, once done
    stored: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    finished: threading.Event = field(default_factory=threading.Event)

    def view(self) -> dict[str, Any]:
        return {"id": self.id, "athlete": self.athlete, "state": self.state,
                "done": self.done, "total": self.total, "lines": list(self.lines),
                "stored": list(self.stored), "error": self.error}


Work = Callable[[Path, Callable[[int, int], None]], tuple[list[str], list[dict[str, Any]]]]


class ImportJobs:
    """The server's bulk imports. Thread-safe."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self._jobs: OrderedDict[str, ImportJob] = OrderedDict()
        self._lock = threading.Lock()

    def new(self, athlete: str) -> ImportJob:
        """A job with an empty folder for its uploads; ConflictError when too many run."""
        with self._lock:
            running = sum(j.state == "running" for j in self._jobs.values())
            if running >= MAX_RUNNING:
                raise TooManyAttemptsError(f"imports must be at most {MAX_RUNNING} at once: "
                                           "wait for one to finish, then upload again", 10.0)
            job = ImportJob(secrets.token_urlsafe(12), athlete,
                            self.scratch / secrets.token_hex(8))
            job.folder.mkdir(parents=True)
            self._jobs[job.id] = job
            finished = [k for k, j in self._jobs.items() if j.state != "running"]
            for key in finished[:max(0, len(self._jobs) - MAX_KEPT)]:
                del self._jobs[key]
            return job

    def get(self, athlete: str, job_id: str) -> ImportJob | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job if job is not None and job.athlete == athlete else None

    def drop(self, job: ImportJob) -> None:
        """A job that never started (its upload was refused)."""
        with self._lock:
            self._jobs.pop(job.id, None)
        shutil.rmtree(job.folder, ignore_errors=True)

    def start(self, job: ImportJob, work: Work) -> None:
        threading.Thread(target=self._run, args=(job, work), name=f"miler-import-{job.id}",
                         daemon=True).start()

    def _run(self, job: ImportJob, work: Work) -> None:
        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        try:
            job.lines, job.stored = work(job.folder, progress)
            job.state = "done"
        except MilerError as exc:
            job.error, job.state = str(exc), "failed"
        except Exception as exc:  # a background thread has no caller to tell
            job.error, job.state = f"the import failed: {type(exc).__name__}", "failed"
        finally:
            shutil.rmtree(job.folder, ignore_errors=True)
            job.finished.set()
