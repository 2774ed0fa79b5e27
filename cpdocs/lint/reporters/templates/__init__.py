"""Jinja2 templates and CSS for the HTML report, the rules handbook and the audit dashboard."""
