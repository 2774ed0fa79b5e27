"""The Dask worker plugin that loads the language model once per worker, when the worker starts.

A module of its own because it needs `distributed` at import time: it is imported only when
an audit runs on Dask, and is what each worker unpickles.
"""

from __future__ import annotations

from distributed import WorkerPlugin

from cpdocs.audit.work import load_model


class ModelLoader(WorkerPlugin):
    idempotent = True  # registering it again (a second audit on the same cluster) does nothing
    name = "cpdocs-model"

    def setup(self, worker) -> None:
        load_model()
