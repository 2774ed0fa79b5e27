"""Audit a folder of drafts: lint every file in parallel, then one CSV and one dashboard.

For quality assurance teams who review hundreds of reports at once, and for reviews of
millions on a Dask cluster. The parts depend one way, each only on those above it:

- drafts.py   finding the drafts (a folder or a URL) and naming each one
- work.py     the work done for one draft, in whichever worker runs it
- totals.py   running totals for the dashboard
- table.py    the CSV row of a summary, and back
- resume.py   the rows an earlier audit made, for --resume
- dashboard.py  the dashboard page
- runner.py   the runner interface, and the local one (this process or a pool)
- dask_runner.py (and dask_plugin.py)  the same interface on Dask, imported only with --dask
- run.py      the audit from start to end
- command.py  `cpdocs audit`

Memory stays flat however large the folder: drafts are listed one at a time, a few are in
flight per worker, summaries are written to the CSV as they arrive and only totals are kept.
A file that cannot be read, that takes too long, or whose worker dies is a row with its
`error` filled in: it never stops the audit, and is never silently dropped.

This file only names what other modules use; it imports nothing itself beyond that, so
importing `cpdocs.audit.work` in a worker does not load the dashboard or Dask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cpdocs.audit.drafts import Draft, find_drafts, report_name
    from cpdocs.audit.run import AuditResult, run_audit
    from cpdocs.audit.work import DEFAULT_TIMEOUT, audit_one

_WHERE = {"Draft": "drafts", "find_drafts": "drafts", "report_name": "drafts", "AuditResult": "run",
          "run_audit": "run", "DEFAULT_TIMEOUT": "work", "audit_one": "work"}


def __getattr__(name: str):
    """`from cpdocs.audit import run_audit` loads only the module that defines it."""
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f"cpdocs.audit.{_WHERE[name]}"), name)
    raise AttributeError(name)


__all__ = ["AuditResult", "DEFAULT_TIMEOUT", "Draft", "audit_one", "find_drafts", "report_name", "run_audit"]
