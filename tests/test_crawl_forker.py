"""The suite's crawl commands (crawl_forker.py) answer as the command in a new process would: its own
working directory, environment, output, exit status, and a timeout that stops it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from crawl_forker import ForkedCommands

SPIDER = '''
import os, sys, time

import scrapy


class Probe(scrapy.Spider):
    name = "probe"

    async def start(self):
        print(f"cwd={os.getcwd()} flavour={os.environ.get('PROBE_FLAVOUR')}")
        print("to stderr", file=sys.stderr)
        time.sleep(float(os.environ.get("PROBE_SLEEP", "0")))
        return
        yield
'''


@pytest.fixture(scope="module")
def commands():
    return ForkedCommands()


@pytest.fixture
def probe(tmp_path):
    spider = tmp_path / "probe.py"
    spider.write_text(SPIDER)
    return spider


def test_a_command_runs_where_and_with_the_environment_it_is_given(commands, probe, tmp_path):
    first = commands.run(["scrapy", "runspider", str(probe)], cwd=tmp_path, env={"PROBE_FLAVOUR": "salt"}, timeout=60)
    elsewhere = Path(probe.parent, "elsewhere")
    elsewhere.mkdir()
    second = commands.run(["scrapy", "runspider", str(probe)], cwd=elsewhere, env={"PROBE_FLAVOUR": "pepper"},
                          timeout=60)
    assert first.returncode == 0 and second.returncode == 0
    assert f"cwd={tmp_path} flavour=salt" in first.stdout
    assert f"cwd={elsewhere} flavour=pepper" in second.stdout
    assert "to stderr" in first.stderr and "Spider closed (finished)" in first.stderr


def test_a_failing_command_answers_as_the_scrapy_script_does(commands, tmp_path):
    argv = ["scrapy", "crawl", "any"]   # crawl outside a project: refused, with a message
    forked = commands.run(argv, cwd=tmp_path, env={}, timeout=60)
    script = subprocess.run([str(Path(sys.executable).parent / "scrapy"), *argv[1:]], cwd=tmp_path, env={},
                            capture_output=True, text=True, timeout=60, check=False)
    assert forked.returncode == script.returncode != 0
    assert (forked.stdout, forked.stderr) == (script.stdout, script.stderr)
    assert "crawl command is not available" in forked.stdout


def test_a_command_past_its_timeout_is_stopped_and_the_next_one_runs(commands, probe, tmp_path):
    with pytest.raises(subprocess.TimeoutExpired):
        commands.run(["scrapy", "runspider", str(probe)], cwd=tmp_path, env={"PROBE_SLEEP": "60"}, timeout=2)
    after = commands.run(["scrapy", "runspider", str(probe)], cwd=tmp_path, env={"PROBE_FLAVOUR": "after"},
                         timeout=60)
    assert after.returncode == 0 and "flavour=after" in after.stdout


def test_a_module_command_runs_the_module_as_python_dash_m_does(commands, tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"log_file": str(tmp_path / "crawl.log"), "crawls": []}))
    argv = [sys.executable, "-m", "pipelines.crawl_process", str(plan)]
    forked = commands.run(argv, cwd=tmp_path, env=dict(os.environ))
    fresh = subprocess.run(argv, cwd=tmp_path, env=dict(os.environ), capture_output=True, text=True,
                           timeout=60, check=False)
    assert (forked.returncode, forked.stdout, forked.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
    assert json.loads(forked.stdout) == {"failed": {}}
