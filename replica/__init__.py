"""A local replica of the registry's sources, served on 127.0.0.1: a dev package beside the product
(tests, the demo, the bench). Each source's routes live in its folder, spiders/<name>/replica.py."""

from replica.server import ReplicaServer
from replica.snapshot import SnapshotError

__all__ = ["ReplicaServer", "SnapshotError"]
