"""Run the suite's crawl commands in processes forked from one that already imported Scrapy.

The suite runs about a hundred and fifty crawls: `scrapy crawl ...` from spiders/ as a person would
type it (the spider tests), and `python -m pipelines.crawl_process PLAN` as the collect stage starts
it (the pipeline tests). A fresh interpreter spends a second or more importing Scrapy, Twisted and the
spiders before its first request: most of such a crawl's time against the local replica. Here the
imports are done once: a server process (`python crawl_forker.py`) imports them, then forks one child
per command, and the child runs the command's own entry point (the `scrapy` script's
`scrapy.cmdline.execute`, or the module as `python -m` runs it) with the command's arguments,
working directory and environment, its output going to files. Nothing a crawl reads at its start
(settings, environment, spider arguments) is read before the fork; a child still installs its own
reactor, as a new process would.

`ForkedCommands.run` answers like `subprocess.run(..., capture_output=True, text=True)`."""

from __future__ import annotations

import contextlib
import json
import os
import runpy
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
from pathlib import Path

SERVER = Path(__file__).resolve()


class ForkedCommands:
    """The client: one server per test process, started at the first command."""

    def __init__(self) -> None:
        self._server: subprocess.Popen | None = None

    def _started(self) -> subprocess.Popen:
        if self._server is None or self._server.poll() is not None:
            self._server = subprocess.Popen([sys.executable, str(SERVER)], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, text=True, bufsize=1)
        return self._server

    def run(self, argv: list[str], cwd: Path, env: dict[str, str],
            timeout: float | None = None) -> subprocess.CompletedProcess:
        """argv is `["scrapy", ...]` or `[sys.executable, "-m", MODULE, ...]`."""
        server = self._started()
        with tempfile.TemporaryDirectory(prefix="forked-command-") as scratch:
            out, err = Path(scratch, "stdout"), Path(scratch, "stderr")
            request = {"argv": argv, "cwd": str(cwd), "env": env, "stdout": str(out), "stderr": str(err)}
            server.stdin.write(json.dumps(request) + "\n")
            server.stdin.flush()
            pid = json.loads(server.stdout.readline())["pid"]
            stopped = threading.Event()

            def stop() -> None:
                stopped.set()
                os.kill(pid, signal.SIGKILL)

            timer = threading.Timer(timeout, stop) if timeout is not None else None
            if timer:
                timer.start()
            status = json.loads(server.stdout.readline())["returncode"]   # the child has ended
            if timer:
                timer.cancel()
            stdout, stderr = out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")
            if stopped.is_set():
                raise subprocess.TimeoutExpired(argv, timeout, stdout, stderr)
            return subprocess.CompletedProcess(argv, status, stdout, stderr)


def _preload() -> None:
    """What a crawl imports before its first request: the command line and its commands, the collect
    stage's crawl process, the project's settings and spiders, and every component Scrapy loads by
    name from the settings (middlewares, extensions, download handlers...)."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "spiders.settings")
    import scrapy.cmdline  # noqa: F401
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.misc import load_object, walk_modules_iter
    from scrapy.utils.project import get_project_settings

    import pipelines.crawl_process  # noqa: F401

    list(walk_modules_iter("scrapy.commands"))   # the command line reads every command's module
    settings = get_project_settings()
    loader = SpiderLoader.from_settings(settings)
    for name in loader.list():
        loader.load(name)
    for key in settings.attributes:
        value = settings[key]
        for path in ([*value.keys(), *value.values()] if hasattr(value, "keys") else [value]):
            if isinstance(path, str) and path.partition(".")[0] in {"scrapy", "spiders"}:
                with contextlib.suppress(Exception):   # not a component's path
                    load_object(path)
    # A reactor is the crawl's own choice, made after the fork.
    assert "twisted.internet.reactor" not in sys.modules, "a preloaded module installed a reactor"


def _child(request: dict) -> int:
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        file = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(file, fd)
    from scrapy.cmdline import execute  # imported already, by _preload

    argv = list(request["argv"])
    try:
        if argv[1:2] == ["-m"]:   # as `python -m MODULE ARGS` runs it: as __main__, from the cwd
            sys.argv = argv[2:]
            sys.path.insert(0, os.getcwd())
            sys.modules.pop(argv[2], None)
            runpy.run_module(argv[2], run_name="__main__", alter_sys=True)
        else:
            sys.argv = argv
            execute(argv)
    except SystemExit as finished:   # as the interpreter ends on one
        if finished.code is None or isinstance(finished.code, int):
            return finished.code or 0
        print(finished.code, file=sys.stderr)
        return 1
    except BaseException:  # noqa: BLE001  (the interpreter's own end for an uncaught exception)
        traceback.print_exc()
        return 1
    return 0


def serve() -> None:
    _preload()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            sys.stdin.close()
            code = 1
            try:
                code = _child(request)
            except BaseException:  # noqa: BLE001  (it could not start the command: say why)
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}), flush=True)


if __name__ == "__main__":
    sys.path.pop(0)   # this file's directory: a `scrapy` command's path does not hold the tests
    serve()
