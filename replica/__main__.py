"""python -m replica [--host H] [--port P] [--snapshot DIR] [--faults NAME[,NAME]]:
serve until killed."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from replica.faults import FAULTS, faults_by_name
from replica.server import ReplicaServer
from replica.snapshot import SnapshotError

DEFAULT_PORT = 8765


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m replica",
        description="Serve the bundled snapshot of every registry source on 127.0.0.1.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=_default_port(),
                        help=f"default: $REPLICA_PORT or {DEFAULT_PORT}")
    parser.add_argument("--snapshot", type=Path, default=None, metavar="DIR",
                        help="a directory of snapshot files (sources without files there serve their bundled one)")
    parser.add_argument("--faults", default="", metavar="NAME[,NAME]",
                        help=f"misbehave on purpose; one or more of: {', '.join(FAULTS)}")
    args = parser.parse_args(argv)
    try:
        faults = faults_by_name(args.faults)
    except ValueError as error:
        return _fail(f"replica: --faults: {error}")
    try:
        replica = ReplicaServer(args.host, args.port, snapshot_dir=args.snapshot, faults=faults)
        replica.bind()
    except SnapshotError as error:
        return _fail(f"replica: {error}")
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return _fail(f"replica: port {args.port} on {args.host} is already in use "
                         "(set REPLICA_PORT to another port)")
        return _fail(f"replica: cannot listen on {args.host}:{args.port} ({error.strerror})")
    catalogue = replica.catalogue
    named = f", faults: {', '.join(f.name for f in faults.faults)}" if faults.faults else ""
    served = ", ".join(f"{source.name}: {len(source.days())}" for source in catalogue)
    print(f"replica: serving {replica.base_url} (documents of {served}{named})", flush=True)
    try:
        replica.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def _default_port() -> int:
    value = os.environ.get("REPLICA_PORT", "")
    return int(value) if value.isdigit() else DEFAULT_PORT


def _fail(message: str) -> int:
    print(" ".join(message.split()), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
