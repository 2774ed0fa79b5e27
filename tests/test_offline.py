"""cpdocs never opens a network connection: a whole, cold lint in a fresh Python with connections blocked.

Every way to reach another machine is refused: connect, send, name look-ups. (Creating a socket
is allowed: urllib3, imported by spaCy, makes one on ::1 at import to learn whether IPv6 exists,
and never connects it.)
"""

from __future__ import annotations

import json
import subprocess
import sys

BLOCK_AND_RUN = r"""
import socket, sys
attempts = []
def refuse(*a, **k):
    attempts.append(a)
    raise OSError("network use is not allowed")
for name in ("connect", "connect_ex", "sendto", "sendmsg"):
    setattr(socket.socket, name, refuse)
socket.create_connection = refuse
socket.getaddrinfo = refuse
from cpdocs.cli import cli
try:
    cli(["lint", sys.argv[1], "--format", "json"])
except SystemExit as e:
    code = e.code
print("ATTEMPTS", len(attempts), "EXIT", code, file=sys.stderr)
"""


def test_a_whole_cold_lint_runs_with_sockets_blocked(tmp_path):
    p = tmp_path / "r.md"
    p.write_text("# Social Work Report to Initial Child Protection Conference\n\nThe MASH said this is ongoing. "
                 "It is felt that Mum is chaotic and presents as low.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", BLOCK_AND_RUN, str(p)], capture_output=True, text=True,
                          timeout=120)
    assert "ATTEMPTS 0 EXIT 1" in proc.stderr, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    assert data["files"][0]["findings"] and data["files"][0]["metrics"]["flesch_reading_ease"] > 0
