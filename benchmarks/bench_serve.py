"""Benchmark `cpdocs serve`: the time from upload to report for a 5,000-word DOCX, and how many
lint requests a second the server answers with four clients at once, on loopback.

Target (issue: serve): upload to report under 2 s, warm. The server runs in its own process
(`cpdocs serve --port 0`), as people use it; the clients are threads here. Every loop is bounded:
the script stops by itself. Prints its figures; asserts nothing.

    python benchmarks/bench_serve.py [--words 5000] [--runs 5] [--clients 4] [--requests 6]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import importlib.util
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "fixtures" / "drafts" / "example-agency-report.docx"


def _make_docx():
    spec = importlib.util.spec_from_file_location("bench_lint", ROOT / "benchmarks" / "bench_lint.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_docx


def start_server(workers: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "cpdocs", "serve", "--port", "0", "--threads", "8",
                             "--workers", str(workers)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT)
    deadline = time.time() + 120
    while time.time() < deadline:
        line = proc.stderr.readline()
        if "running at" in line:
            threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep the pipe drained
            return proc, line.split("running at ")[1].split()[0].rstrip("/")
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("cpdocs serve did not start")


class Client:
    """One browser: its own cookie (the CSRF session) and token."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.opener.open(base + "/check", timeout=30).read().decode()
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def check(self, name: str, data: bytes) -> str:
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{self.token}\r\n'.encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="report_type"\r\n\r\n\r\n'.encode(),
            (f'--{boundary}\r\nContent-Disposition: form-data; name="draft"; filename="{name}"\r\n'
             "Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n",
            f"--{boundary}--\r\n".encode(),
        ]
        req = urllib.request.Request(self.base + "/check", data=b"".join(parts), method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        page = self.opener.open(req, timeout=120).read().decode()
        if "What to fix in this draft" not in page:
            raise SystemExit("the server did not answer with a report")
        return page


def cpu_seconds(pid: int) -> float:
    """CPU time the process (and its worker children, once they are waited for) has used: on a busy
    machine, what a request would take on an idle one. None where /proc is missing."""
    try:
        total = 0.0
        pids = [pid] + [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        for p in pids:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total
    except (OSError, ValueError, IndexError):
        return float("nan")


def upload_to_report(base: str, data: bytes, runs: int, pid: int) -> tuple[float, list[float], list[float]]:
    client = Client(base)
    t = time.perf_counter()
    client.check("report.docx", data)
    first = time.perf_counter() - t
    times, cpu = [], []
    for _ in range(runs):
        c = cpu_seconds(pid)
        t = time.perf_counter()
        client.check("report.docx", data)
        times.append(time.perf_counter() - t)
        cpu.append(cpu_seconds(pid) - c)
    return first, times, cpu


def throughput(base: str, name: str, data: bytes, clients: int, per_client: int) -> tuple[float, int, float]:
    """`clients` browsers, each sending `per_client` checks one after another. Requests a second."""
    browsers = [Client(base) for _ in range(clients)]
    latencies: list[float] = []
    lock = threading.Lock()

    def run(c: Client) -> None:
        for _ in range(per_client):
            t = time.perf_counter()
            c.check(name, data)
            with lock:
                latencies.append(time.perf_counter() - t)

    threads = [threading.Thread(target=run, args=(b,)) for b in browsers]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    return len(latencies) / elapsed, len(latencies), statistics.median(latencies)


def library_time(data: bytes, runs: int) -> tuple[float, float]:
    """The same draft read and linted without the web page around it: what the page adds is the rest."""
    from cpdocs.config import Config
    from cpdocs.lint.engine import lint_document
    from cpdocs.readers import read_document

    lint_document(read_document("report.docx", data), Config())
    times, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        lint_document(read_document("report.docx", data), Config())
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(times), statistics.median(cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--requests", type=int, default=6, help="checks per client in the throughput test")
    ap.add_argument("--workers", default=f"0,{os.cpu_count() or 2}",
                    help="the servers to measure: --workers values, comma-separated (0: in the server's threads)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "report.docx"
        words = _make_docx()(big, args.words)
        big_data = big.read_bytes()
    small_data = DRAFT.read_bytes()
    print(f"cpdocs serve benchmark: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, "
          f"Python {sys.version.split()[0]}")
    lint_only, lint_cpu = library_time(big_data, args.runs)
    print(f"the library alone (read + lint, in this process, warm): median {lint_only:.2f} s, "
          f"CPU {lint_cpu:.2f} s")
    for workers in [int(w) for w in args.workers.split(",") if w.strip()]:
        print(f"\n--- cpdocs serve --workers {workers}")
        t = time.perf_counter()
        proc, base = start_server(workers)
        print(f"server start (language model loaded): {time.perf_counter() - t:.2f} s")
        try:
            first, times, cpu = upload_to_report(base, big_data, args.runs, proc.pid)
            print(f"upload to report, {words:,}-word DOCX ({len(big_data) // 1024} KB): first {first:.2f} s, "
                  f"warm median {statistics.median(times):.2f} s, best {min(times):.2f} s (target < 2 s warm); "
                  f"server CPU per check {statistics.median(cpu):.2f} s")
            for label, name, data in (("5,000-word DOCX", "report.docx", big_data),
                                      ("example draft (DOCX, ~430 words)", "draft.docx", small_data)):
                rps, n, med = throughput(base, name, data, args.clients, args.requests)
                print(f"{args.clients} clients, {label}: {n} checks, {rps:.2f} checks/s, "
                      f"median latency {med:.2f} s")
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
