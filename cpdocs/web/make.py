"""Make the documents (placeholder until the form lands)."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("make", __name__)


@bp.get("/make")
def form():
    return render_template("error.html", title="Make the documents", message="Coming soon.")
