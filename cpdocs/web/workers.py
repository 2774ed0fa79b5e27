"""Where the checking runs: in the request's own thread, or in a few worker processes.

Checking a draft is plain CPU-bound Python, so threads share one core between them. With
`cpdocs serve --workers N`, checks run in N processes instead (started once, with the
language model loaded once in each), so a team sharing a machine gets every core, and a
check that runs past its time limit is stopped without stopping the server: its worker
processes are replaced and the person sees a plain message.

Only bytes, the draft's name and plain results cross between processes; nothing is written
to disk and nothing is kept after the answer.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import threading
from dataclasses import dataclass
from pathlib import Path

from cpdocs.config import Config, load_config
from cpdocs.document import Document
from cpdocs.errors import InputError
from cpdocs.lint.finding import FileResult

DEFAULT_TIME_LIMIT = 120.0


class TooSlow(Exception):
    """A check ran past the time limit and was stopped."""


class Fault(Exception):
    """A fault in cpdocs while checking (the exception's type name only: its message may quote a draft)."""

    def __init__(self, kind: str):
        self.kind = kind
        super().__init__(kind)


@dataclass
class Checked:
    document: Document
    result: FileResult
    annotated: bytes | None = None  # the Word copy asked for, if any


# --- in the worker ------------------------------------------------------------------------------

_config: Config | None = None


def _init(config_file: str | None) -> None:
    global _config
    _config = load_config(Path(config_file)) if config_file else Config()
    from cpdocs.nlp import load_model

    load_model(_config.model)


def _warm() -> bool:
    _check("warm-up.md", b"# Agency report\n\nThe social worker will visit weekly.\n", None, None)
    return True


def _check(name: str, data: bytes, report_type: str | None, copy: str | None):
    """Runs in a worker: returns a tuple, never raises (exceptions with two arguments do not pickle)."""
    try:
        return ("ok", check(name, data, report_type, _config or Config(), copy))
    except InputError as exc:
        return ("input", exc.path, exc.problem)
    except Exception as exc:  # noqa: BLE001 - reported as a fault by its type name only
        return ("fault", type(exc).__name__)


def check(name: str, data: bytes, report_type: str | None, config: Config, copy: str | None = None) -> Checked:
    """Lint a draft; with `copy`, also make the Word copy: "comments" (every finding as a comment) or
    "suggested" (`cpdocs fix`: the safe suggestions as tracked changes, the rest as comments)."""
    if copy == "suggested":
        from cpdocs.lint.fixer import fix_draft

        outcome = fix_draft(name, data, config, report_type)
        return Checked(outcome.document, outcome.result, outcome.copy)
    from cpdocs.lint.engine import lint_document
    from cpdocs.readers import read_document

    document = read_document(name, data)
    result = lint_document(document, config, report_type)
    annotated = None
    if copy == "comments":
        from cpdocs.lint.reporters.docx_comments import add_comments

        annotated, _count = add_comments(data, document, result)
    return Checked(document, result, annotated)


# --- in the server ------------------------------------------------------------------------------

WARM_UP_SECONDS = 60


class Checker:
    """Runs checks: in the calling thread (workers=0), or in a pool of worker processes."""

    def __init__(self, config: Config, config_file: str | None = None, workers: int = 0,
                 time_limit: float = DEFAULT_TIME_LIMIT):
        self.config = config
        self.config_file = config_file
        self.workers = workers
        self.time_limit = time_limit
        self._pool: cf.ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        if workers > 0:
            self._pool = self._new_pool()

    def _new_pool(self) -> cf.ProcessPoolExecutor:
        # spawn, not fork: forking a process that is running threads can copy a held lock
        ctx = multiprocessing.get_context("spawn")
        return cf.ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=_init,
                                      initargs=(self.config_file,))

    def warm_up(self) -> None:
        """Load the model in every worker before the first real check. A pool that does not answer
        in time (a worker lost while starting) is replaced once, never waited on for ever."""
        if self._pool is None:
            check("warm-up.md", b"# Agency report\n\nThe social worker will visit weekly.\n", None, self.config)
            return
        for _attempt in range(2):
            with self._lock:
                pool = self._pool
            try:
                for f in [pool.submit(_warm) for _ in range(self.workers)]:
                    f.result(timeout=max(self.time_limit, WARM_UP_SECONDS))
                return
            except (cf.TimeoutError, cf.process.BrokenProcessPool):
                self._replace(pool)
        raise Fault("the checking processes did not start")

    def run(self, name: str, data: bytes, report_type: str | None, copy: str | None = None) -> Checked:
        """The checked draft (and the Word copy asked for: see `check`); raises InputError (bad input),
        TooSlow or Fault."""
        if self._pool is None:
            return check(name, data, report_type, self.config, copy)
        with self._lock:
            pool = self._pool
        try:
            future = pool.submit(_check, name, data, report_type, copy)
            outcome = future.result(timeout=self.time_limit)
        except cf.TimeoutError:
            self._replace(pool)
            raise TooSlow() from None
        except cf.process.BrokenProcessPool:
            self._replace(pool)
            raise Fault("BrokenProcessPool") from None
        if outcome[0] == "ok":
            return outcome[1]
        if outcome[0] == "input":
            raise InputError(outcome[1], outcome[2])
        raise Fault(outcome[1])

    def _replace(self, broken: cf.ProcessPoolExecutor) -> None:
        """Stop a pool with a check stuck in it, and start a new one (once, however many noticed)."""
        with self._lock:
            if self._pool is not broken:
                return
            for p in list(getattr(broken, "_processes", {}).values()):
                p.terminate()
            broken.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
