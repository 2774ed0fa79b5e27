"""`cpdocs serve`: start the local web page (waitress, several threads) and optionally open it."""

from __future__ import annotations

import logging
import threading
import webbrowser
from pathlib import Path

import click

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def warm_up(app) -> None:
    """Load the language model and the word lists once (in each worker), before anyone waits for them."""
    from cpdocs.web.app import checker

    checker(app).warm_up()


def make_server(app, host: str, port: int, threads: int):
    from waitress import create_server

    body_limit = app.config["MAX_CONTENT_LENGTH"]
    return create_server(
        app, host=host, port=port, threads=threads, ident="cpdocs",
        max_request_body_size=body_limit + 1024 * 1024,  # over this waitress refuses; under it, our plain page
        inbuf_overflow=body_limit + 1024 * 1024,  # keep request bodies in memory, never in a temporary file
        clear_untrusted_proxy_headers=True, channel_timeout=120,
    )


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. Only this computer can reach 127.0.0.1.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="The port to listen on (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="A cpdocs.toml with your service's settings (timescales, word lists).")
@click.option("--max-upload-mb", default=20, show_default=True, type=click.IntRange(1, 50),
              help="The largest file people may upload, in MB.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="How many requests are handled at once.")
@click.option("--workers", default=0, show_default=True, type=click.IntRange(0, 32),
              help="Check drafts in this many separate processes (for a team sharing one machine: one per "
                   "processor core). 0 checks them inside the server.")
@click.option("--time-limit", default=120, show_default=True, type=click.IntRange(5, 3600),
              help="With --workers: stop a check that takes longer than this many seconds.")
def serve(host, port, open_browser, config_file, max_upload_mb, threads, workers, time_limit):
    """Start cpdocs as a page in your web browser, on this computer.

    Check drafts, make the conference documents, work out deadlines and read the standards
    without typing commands. Nothing is kept or sent anywhere. Stop it with Ctrl+C.
    """
    from cpdocs.web.app import create_app

    logging.basicConfig(level=logging.WARNING, format="cpdocs: %(message)s")
    if host not in LOOPBACK:
        click.secho(f"Warning: listening on {host}, so other computers on the network can reach this page. "
                    "Anyone who can reach it can use it. Use this only on a network you trust.", fg="yellow",
                    err=True)
    app = create_app(config_file=config_file, max_upload_mb=max_upload_mb, workers=workers, time_limit=time_limit)
    click.echo("cpdocs: loading the language model...", err=True)
    warm_up(app)
    server = make_server(app, host, port, threads)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown else shown
    url = f"http://{shown}:{server.effective_port}/"
    click.echo(f"cpdocs is running at {url}  (press Ctrl+C to stop)", err=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        from cpdocs.web.app import checker

        checker(app).close()
        click.echo("cpdocs: stopped.", err=True)
