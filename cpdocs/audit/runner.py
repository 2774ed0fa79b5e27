"""Where the drafts are checked: the small interface every runner keeps, and the local one.

A runner takes the drafts one at a time and gives back one summary per draft as each
finishes, in any order, holding only a few drafts in flight per worker so that nothing piles
up in memory. A draft whose worker dies (a crash, out of memory, a killed machine) is run
once more elsewhere; if it is lost again it becomes an error row. No draft is ever dropped.

The local runner is the default and needs nothing but Python: one job runs in this process,
more run in a process pool. The Dask runner (dask_runner.py) keeps the same interface.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from cpdocs.audit.drafts import Draft
from cpdocs.audit.work import audit_one, init_pool_worker, load_model, lost_summary

Work = Callable[[Draft, str | None, float], dict]


class Runner(Protocol):
    """What run_audit needs of a place to run drafts."""

    description: str  # for the closing line, e.g. "2 jobs" or "Dask at tcp://scheduler.example.org:8786"

    def summaries(self, drafts: Iterable[Draft], reports_dir: str | None, timeout: float) -> Iterator[dict]:
        """One summary per draft, as each is done."""
        ...


class Retries:
    """A lost draft is tried once more; the second loss is an error row."""

    def __init__(self) -> None:
        self.retried: set[str] = set()

    def again(self, draft: Draft) -> bool:
        if draft.rel in self.retried:
            return False
        self.retried.add(draft.rel)
        return True


class LocalRunner:
    """This computer: one job in this process, or a pool of worker processes."""

    def __init__(self, jobs: int = 1, work: Work = audit_one, init: Callable[[], None] = init_pool_worker):
        self.jobs = max(1, jobs)
        self.work = work
        self.init = init
        self.description = f"{self.jobs} job{'s' if self.jobs != 1 else ''}"

    def summaries(self, drafts: Iterable[Draft], reports_dir: str | None, timeout: float) -> Iterator[dict]:
        if self.jobs == 1:
            load_model()
            for d in drafts:
                yield self.work(d, reports_dir, timeout)
            return
        yield from self._pool(iter(drafts), reports_dir, timeout)

    def _pool(self, drafts: Iterator[Draft], reports_dir: str | None, timeout: float) -> Iterator[dict]:
        """Up to two drafts per worker in flight. When a worker dies every draft in flight is lost
        with it, and which one killed it is not known: those drafts are run again one at a time,
        so a draft that kills a worker alone is known, tried once more, then reported."""
        window = self.jobs * 2
        pending: dict[Future, Draft] = {}
        suspects: deque[Draft] = deque()
        retries = Retries()
        pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=self.init)
        try:
            exhausted = False
            while True:
                if suspects:
                    if not pending:
                        d = suspects.popleft()
                        pending[pool.submit(self.work, d, reports_dir, timeout)] = d
                else:
                    while not exhausted and len(pending) < window:
                        d = next(drafts, None)
                        if d is None:
                            exhausted = True
                            break
                        pending[pool.submit(self.work, d, reports_dir, timeout)] = d
                if not pending:
                    break
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                alone = len(pending) == 1
                broken = False
                for fut in done:
                    d = pending[fut]
                    try:
                        summary = fut.result()
                    except BrokenProcessPool:
                        broken = True
                        continue
                    del pending[fut]
                    yield summary
                if not broken:
                    continue
                lost = list(pending.values())
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=self.init)
                if alone:  # this draft alone killed its worker
                    if retries.again(lost[0]):
                        suspects.appendleft(lost[0])
                    else:
                        yield lost_summary(lost[0].rel)
                else:
                    suspects.extend(lost)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
