"""`cpdocs serve`: the checks, the documents, the deadlines and the standards as pages in the
user's own browser, served from their own machine."""

from cpdocs.web.app import create_app

__all__ = ["create_app"]
