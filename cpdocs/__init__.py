"""cpdocs: lint and generate child protection conference documents."""

__version__ = "0.1.0"
