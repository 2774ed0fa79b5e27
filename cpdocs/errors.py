"""Errors a user sees: one plain line naming the file and the problem, exit code 2."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: a file cpdocs cannot read, a bad case file, a bad setting.

    The message is shown to the user as `FILE: PROBLEM` with exit code 2. It must never
    contain a child's details, only the file name and what is wrong with it.
    """

    def __init__(self, path: Path | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


def fault(exc: BaseException, done: str = "checked") -> str:
    """The problem to show for a fault in cpdocs itself rather than in the file: the exception's kind
    only, since its message may quote a draft."""
    return f"could not be {done} because of a fault in cpdocs ({type(exc).__name__}); please report it"
