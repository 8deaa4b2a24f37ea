"""`python -m replica`: serves and says where; fails in one line, exit 2, when it cannot."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from spiders.registry import NAMES

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "snapshot"


def run_replica(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "replica", *args], capture_output=True,
                          text=True, timeout=timeout, check=False)


def test_port_taken_is_one_line_and_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_replica("--port", str(port), "--snapshot", str(FIXTURES))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"port {port} on 127.0.0.1 is already in use" in lines[0]
    assert "REPLICA_PORT" in lines[0]
    assert result.stdout == ""


def test_unreadable_snapshot_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "doj_releases.yaml").write_text("- title: [broken\n")
    (tmp_path / "eu_documents.yaml").write_text("[]\n")
    result = run_replica("--port", "0", "--snapshot", str(tmp_path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert str(tmp_path / "doj_releases.yaml") in lines[0] and "invalid YAML" in lines[0]


def test_serves_and_announces_what_and_where():
    with socket.socket() as probe:  # a free port, released just before the replica takes it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "replica", "--port", str(port), "--snapshot",
         str(FIXTURES)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        assert line.startswith(f"replica: serving http://127.0.0.1:{port} (")
        # "(documents of doj: N, eu: M)": every registry source, by name
        served = dict(part.split(": ") for part in line.split("(documents of ")[1].rstrip(")").split(", "))
        assert list(served) == list(NAMES)
        doj_count = int(served["doj"])
        url = f"http://127.0.0.1:{port}/api/v1/press_releases.json?page=0&pagesize=1"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert json.load(response)["metadata"]["resultset"]["count"] == doj_count
    finally:
        process.terminate()
        process.wait(timeout=10)
