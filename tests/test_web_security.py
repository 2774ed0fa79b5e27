"""CSRF on every form, the session cookie, and the server itself: loopback by default, threaded."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from web_support import new_client, token

import cpdocs.web.check as check_module
from cpdocs.web.command import make_server

POSTS = [
    ("/check", {"text": "# Agency report\n\nThe plan is ongoing."}),
    ("/check/word", {"draft": "UEsDBA==", "name": "x.docx"}),
    ("/check/suggested", {"draft": "UEsDBA==", "name": "x.docx"}),
    ("/deadlines", {"event": "icpc", "date": "14/03/2025"}),
    ("/make/upload", {"case": (b"{}", "case.json")}),
    ("/make/form", {"action": "check"}),
    ("/make/download", {"case": "{}", "doc": "all", "format": "docx"}),
]


def fresh(form: dict) -> dict:
    """A new file object for each request (the test client closes what it sends)."""
    return {k: (io.BytesIO(v[0]), v[1]) if isinstance(v, tuple) else v for k, v in form.items()}


@pytest.mark.parametrize("path, form", POSTS)
def test_every_form_needs_the_csrf_token(path, form):
    _, client = new_client()
    token(client)  # the browser has a session
    r = client.post(path, data=fresh(form), content_type="multipart/form-data")
    assert r.status_code == 400
    assert "This page has expired" in r.get_data(as_text=True)


@pytest.mark.parametrize("path, form", POSTS)
def test_a_token_from_another_session_is_refused(path, form):
    _, mine = new_client(secret_key=b"k" * 32)
    _, theirs = new_client(secret_key=b"k" * 32)
    stolen = token(theirs)
    token(mine)
    r = mine.post(path, data={"csrf_token": stolen, **fresh(form)}, content_type="multipart/form-data")
    assert r.status_code == 400


def test_a_form_from_before_a_restart_is_refused_plainly():
    _, client = new_client()
    t = token(client)
    _, restarted = new_client()
    restarted.set_cookie("cpdocs_session", client.get_cookie("cpdocs_session").value)
    r = restarted.post("/check", data={"csrf_token": t, "text": "x"})
    assert r.status_code == 400 and "restarted" in r.get_data(as_text=True)


def test_session_cookie_is_httponly_and_strict():
    _, client = new_client()
    r = client.get("/check")
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def _run_quietly(server) -> None:
    try:
        server.run()
    except (OSError, ValueError):  # the socket closed under it when the test ended
        pass


@pytest.fixture()
def live_server():
    app, _ = new_client()
    server = make_server(app, "127.0.0.1", 0, threads=4)
    thread = threading.Thread(target=_run_quietly, args=(server,), daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.effective_port}"
    server.close()


def test_a_slow_check_does_not_block_other_people(live_server, monkeypatch):
    app, base = live_server
    started = threading.Event()

    def slow(name, data, report_type):
        started.set()
        time.sleep(3)
        raise RuntimeError("slow")

    monkeypatch.setattr(check_module, "run_check", slow)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    page = opener.open(base + "/check").read().decode()
    tok = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf_token": tok, "text": "# Report\n\nslow"}).encode()

    def post():
        try:
            opener.open(base + "/check", data=body, timeout=10).read()
        except Exception:
            pass

    t = threading.Thread(target=post)
    t.start()
    assert started.wait(5)
    t0 = time.perf_counter()
    with urllib.request.urlopen(base + "/deadlines", timeout=5) as r:
        assert r.status == 200
    assert time.perf_counter() - t0 < 1.5
    t.join()


def test_waitress_refuses_a_huge_body_without_reading_it(live_server):
    app, base = live_server
    limit = app.config["MAX_CONTENT_LENGTH"]
    req = urllib.request.Request(base + "/check", data=b"x" * 10, method="POST",
                                 headers={"Content-Length": str(limit * 4), "Content-Type": "text/plain"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(req, timeout=5).read()
    assert caught.value.code == 413
    with urllib.request.urlopen(base + "/", timeout=5) as r:  # and it is still serving
        assert r.status == 200


def _serve(*args: str) -> tuple[subprocess.Popen, str, str]:
    proc = subprocess.Popen([sys.executable, "-m", "cpdocs", "serve", "--port", "0", *args],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines = []
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stderr.readline()
        lines.append(line)
        if "running at" in line:
            return proc, line.split("running at ")[1].split()[0], "".join(lines)
    proc.kill()
    raise AssertionError("cpdocs serve did not start: " + "".join(lines))


def test_serve_binds_to_loopback_by_default():
    proc, url, out = _serve()
    try:
        assert url.startswith("http://127.0.0.1:")
        assert "Warning" not in out
        with urllib.request.urlopen(url, timeout=5) as r:
            assert r.status == 200 and r.headers["Server"] == "cpdocs"
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_warns_when_another_host_is_given():
    proc, url, out = _serve("--host", "127.0.0.2")  # not the default, yet reachable from nowhere else
    try:
        assert "Warning: listening on 127.0.0.2" in out and url.startswith("http://127.0.0.2:")
    finally:
        proc.terminate()
        proc.wait(10)


def test_worker_processes_check_drafts_and_a_stuck_check_is_stopped():
    from cpdocs.web.app import checker

    app, client = new_client(workers=1, time_limit=120)
    try:
        checker(app).warm_up()
        text = "# Agency report\n\nThe plan is ongoing.\n"
        r = client.post("/check", data={"csrf_token": token(client), "text": text})
        assert r.status_code == 200 and "ongoing" in r.get_data(as_text=True)
        checker(app).time_limit = 0.001
        long = "# Agency report\n\n" + "The plan is ongoing and the school will monitor attendance.\n\n" * 3000
        r = client.post("/check", data={"csrf_token": token(client), "text": long})  # far more than a millisecond
        assert r.status_code == 503
        assert "took too long to check and was stopped" in r.get_data(as_text=True)
        checker(app).time_limit = 120
        r = client.post("/check", data={"csrf_token": token(client), "text": text})
        assert r.status_code == 200  # a new worker took over
        r = client.post("/check", data={"csrf_token": token(client), "draft": (io.BytesIO(b"%PDF-1.4 x"), "a.docx")},
                        content_type="multipart/form-data")
        assert r.status_code == 422 and "is a PDF file" in r.get_data(as_text=True)
    finally:
        checker(app).close()
