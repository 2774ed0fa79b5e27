"""Running an audit on a Dask cluster (`cpdocs audit FOLDER --dask ADDRESS`, or `--dask local`).

For an audit past one computer: a safeguarding partnership or a national review with a
million reports runs the same audit on the cluster it already has. Dask is an optional extra
(`pip install "cpdocs[dask]"`); nothing here is imported without `--dask`.

- Each worker loads the language model once, through a worker plugin.
- Only a draft's name goes to a worker, which reads the file itself (a shared folder, or an
  fsspec URL such as s3://); the documents' bytes never pass through the scheduler.
- Each worker writes the draft's report page and sends back the small summary; the client
  takes summaries as they complete (`as_completed`) with a bounded number in flight, so its
  memory stays flat at a million files.
- A draft whose worker dies is run again elsewhere by the scheduler (`allowed-failures`, set
  to 1 for a local cluster; a remote scheduler keeps its own setting); a draft that still
  fails becomes an error row, never a silent gap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import islice

from cpdocs.audit.drafts import Draft
from cpdocs.audit.runner import Work
from cpdocs.audit.work import audit_one, lost_summary
from cpdocs.errors import InputError

LOCAL = "local"
IN_FLIGHT_PER_THREAD = 4  # enough to keep every worker busy while the client writes rows


def _dask():
    try:
        import dask
        import distributed
    except ImportError:
        raise InputError("--dask", "needs Dask: pip install \"cpdocs[dask]\"") from None
    return dask, distributed


class DaskRunner:
    """An existing cluster at `address`, or with address 'local' a local cluster of worker processes."""

    def __init__(self, address: str, workers: int = 2, work: Work = audit_one, warm: bool = True):
        self.address = address
        self.workers = max(1, workers)
        self.work = work
        self.warm = warm
        self.description = (f"Dask, a local cluster of {self.workers} worker{'s' if self.workers != 1 else ''}"
                            if address == LOCAL else f"Dask at {address}")

    def _connect(self, stack):
        dask, distributed = _dask()
        if self.address == LOCAL:
            # a local cluster's scheduler lives in this process, so its settings are ours to choose:
            # a draft that killed one worker is tried once more elsewhere, then reported; one draft per
            # worker thread at a time, so a worker's death is charged to the draft that caused it.
            # Dask always starts a web server for its dashboard: here it serves nothing, on a port
            # of this computer's own (loopback) that no other program has asked for.
            stack.enter_context(dask.config.set({"distributed.scheduler.allowed-failures": 1,
                                                 "distributed.scheduler.worker-saturation": 1.0,
                                                 "distributed.scheduler.http.routes": [],
                                                 "distributed.worker.http.routes": []}))
            cluster = stack.enter_context(distributed.LocalCluster(
                n_workers=self.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address="127.0.0.1:0", scheduler_kwargs={"dashboard": False}, silence_logs=50))
            return stack.enter_context(distributed.Client(cluster))
        try:
            return stack.enter_context(distributed.Client(self.address, timeout="30s"))
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(self.address, f"no Dask scheduler answers there ({type(exc).__name__})") from None

    def summaries(self, drafts: Iterable[Draft], reports_dir: str | None, timeout: float) -> Iterator[dict]:
        _, distributed = _dask()
        with ExitStack() as stack:
            client = self._connect(stack)
            if self.warm:
                from cpdocs.audit.dask_plugin import ModelLoader

                client.register_plugin(ModelLoader())
            threads = sum(client.nthreads().values()) or 1
            window = max(2, math.ceil(threads * IN_FLIGHT_PER_THREAD))
            todo = iter(drafts)
            futures: dict = {}

            def submit(d: Draft):
                fut = client.submit(self.work, d, reports_dir, timeout, pure=False)
                futures[fut.key] = d
                return fut

            ready = distributed.as_completed([submit(d) for d in islice(todo, window)])
            for fut in ready:
                d = futures.pop(fut.key)
                try:
                    summary = fut.result()
                except distributed.KilledWorker:
                    summary = lost_summary(d.rel)
                except Exception as exc:  # the cluster could not run it: say so in its row
                    summary = {"path": d.rel, "error": f"{d.rel}: the Dask cluster could not check it "
                                                      f"({type(exc).__name__})"}
                fut.release()
                yield summary
                nxt = next(todo, None)
                if nxt is not None:
                    ready.add(submit(nxt))

