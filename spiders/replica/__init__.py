"""A local replica of the DOJ and European Commission press sources, served on 127.0.0.1."""

from spiders.replica.server import ReplicaServer
from spiders.replica.snapshot import SnapshotError

__all__ = ["ReplicaServer", "SnapshotError"]
