"""Bad input to the CLI gets one line saying what and where, and a non-zero exit, never a traceback."""

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args, env=None, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "pipelines.cli", *args], check=False, cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={**os.environ, **(env or {})})


def one_line_error(completed):
    assert completed.returncode != 0
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    return lines[0]


def test_missing_warehouse_directory_is_named(tmp_path):
    missing = tmp_path / "no-such-dir" / "alliance.duckdb"
    line = one_line_error(run_cli("demo", env={"ALLIANCE_WAREHOUSE": str(missing)}))
    assert "does not exist" in line and str(missing.parent) in line


def test_demo_on_a_taken_port_names_the_port(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = one_line_error(run_cli("demo", "--port", str(port),
                                      env={"ALLIANCE_WAREHOUSE": str(tmp_path / "w.duckdb"),
                                           "DAGSTER_HOME": str(ROOT / "dagster_home")}))
    assert f"port {port}" in line and "in use" in line
    assert not (tmp_path / "w.duckdb").exists()


def test_query_without_a_warehouse_says_so(tmp_path):
    line = one_line_error(run_cli("query", "SELECT 1", env={"ALLIANCE_WAREHOUSE": str(tmp_path / "w.duckdb")}))
    assert "no warehouse at" in line


def test_tag_with_a_missing_input_file_names_it(tmp_path):
    line = one_line_error(run_cli("tag", "--input", str(tmp_path / "in.jsonl"), "--output", str(tmp_path / "out.jsonl")))
    assert "in.jsonl" in line
