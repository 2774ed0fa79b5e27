"""Both cores for a cold `cpdocs lint`: read while spaCy loads, and share the files out.

A cold start spends most of its first second importing spaCy and loading the model, on one
core. Meanwhile a forked process reads the drafts (Word files take a while to parse) and hands
the documents back. Once the model, word lists and matchers are loaded, with enough files, one
forked worker per free core takes a share of them, sharing the loaded model with this process.
Whatever fails in a forked process is done again here, so the results are the same either way.
Where processes cannot be forked (Windows), or should not be (a process with threads), everything
runs in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from cpdocs.document import Document
from cpdocs.lint.engine import Job, guarded, lint_jobs, prepare
from cpdocs.lint.finding import FileResult
from cpdocs.readers import read_document

FILES_PER_WORKER = 4  # fewer files than this per process: not worth another process
READ_AHEAD = 64  # files read while spaCy loads: enough for a folder of examples, not a whole archive

_shared: tuple[list[Job], dict[int, Document | FileResult]] | None = None  # what forked workers inherit


class Forked:
    """`fn(*args)` run in a forked process; `result()` waits for its answer (None if it failed)."""

    def __init__(self, fn: Callable, *args):
        ctx = multiprocessing.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_run_and_send, args=(send, fn, args), daemon=True)
        self._proc.start()
        send.close()

    def result(self):
        try:
            ok, value = self._recv.recv()
        except (EOFError, OSError):
            ok, value = False, None
        finally:
            self._recv.close()
            self._proc.join()
        return value if ok else None


def _run_and_send(conn, fn: Callable, args: tuple) -> None:
    try:
        conn.send((True, fn(*args)))
    except BaseException:  # noqa: BLE001 - any failure: the parent does the work itself
        conn.send((False, None))
    finally:
        conn.close()


def can_fork() -> bool:
    """Processes can be forked here, safely: a process with other threads (a web server) could
    fork one holding a lock, so it lints in its own process instead."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def cold() -> bool:
    """Is spaCy still to be imported here? Then reading ahead overlaps with loading it."""
    return "spacy" not in sys.modules


def workers_for(jobs: list[Job], wanted: int | None = None) -> int:
    """How many processes: as asked, else one per free core with at least FILES_PER_WORKER files each."""
    if wanted is not None:
        return max(1, min(wanted, len(jobs)))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, len(jobs) // FILES_PER_WORKER))


def _read_all(paths: list[str]) -> list[Document | FileResult]:
    return [guarded(p, read_document, p) for p in paths]


def lint_files(jobs: list[Job], workers: int = 1) -> list[FileResult]:
    """Lint many files and return their results in order (see the module's note)."""
    forks = can_fork() and not any(job.path == "-" for job in jobs)
    # Reading ahead pays only while this process still has spaCy to load.
    ahead = Forked(_read_all, [j.path for j in jobs[:READ_AHEAD]]) if forks and cold() and jobs else None
    if ahead is not None or (forks and workers > 1):
        prepare(jobs)
    got = ahead.result() if ahead is not None else None
    read = dict(enumerate(got)) if isinstance(got, list) else {}
    if not forks or workers <= 1 or len(jobs) < 2:
        return lint_jobs(jobs, read)
    global _shared
    _shared = (jobs, read)
    gc.freeze()  # what the workers share: their collector never walks it, so never copies its pages
    try:
        shares = _shares(jobs, workers)
        others = [Forked(_lint_share, share) for share in shares[1:]]
        results = {i: r for i, r in zip(shares[0], _lint_share(shares[0]), strict=True)}
        for share, worker in zip(shares[1:], others, strict=True):
            theirs = worker.result()
            if not (isinstance(theirs, list) and len(theirs) == len(share)):
                theirs = _lint_share(share)  # the worker failed: lint its files here
            results.update(zip(share, theirs, strict=True))
    finally:
        _shared = None
        gc.unfreeze()
    return [results[i] for i in range(len(jobs))]


def _lint_share(share: list[int]) -> list[FileResult]:
    assert _shared is not None
    jobs, read = _shared
    return lint_jobs([jobs[i] for i in share], {n: read[i] for n, i in enumerate(share) if i in read})


def _shares(jobs: list[Job], workers: int) -> list[list[int]]:
    """Files dealt to workers by size, largest first, each to the least loaded: similar totals."""
    def size(job: Job) -> int:
        try:
            return Path(job.path).stat().st_size
        except OSError:
            return 0

    order = sorted(range(len(jobs)), key=lambda i: -size(jobs[i]))
    shares: list[list[int]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for i in order:
        w = loads.index(min(loads))
        shares[w].append(i)
        loads[w] += size(jobs[i]) or 1
    return [sorted(s) for s in shares if s]
