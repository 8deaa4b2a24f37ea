"""The asset graph as reviewed: keys, dependencies, partitions, checks, jobs and schedules.

A change to the graph fails here until the snapshot is regenerated on purpose:
UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/pipelines/test_definitions_snapshot.py
"""

import json
import os
from pathlib import Path

from pipelines.definitions import defs

SNAPSHOT = Path(__file__).with_name("definitions_snapshot.json")


def describe_definitions() -> dict:
    graph = defs.resolve_asset_graph()
    assets = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        assets[key.to_user_string()] = {
            "group": node.group_name,
            "deps": sorted(parent.to_user_string() for parent in node.parent_keys),
            "partitions": (f"{node.partitions_def} cron '{node.partitions_def.cron_schedule}'"
                           if node.partitions_def else None),
            "checks": sorted(check.name for check in node.check_keys),
        }
    return {
        "assets": assets,
        "jobs": sorted(job.name for job in defs.resolve_all_job_defs() if not job.name.startswith("__")),
        "schedules": {s.name: {"cron": s.cron_schedule, "timezone": s.execution_timezone, "job": s.job_name}
                      for s in defs.schedules},
        "resources": sorted(defs.resources),
    }


def test_definitions_match_the_reviewed_snapshot():
    current = describe_definitions()
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
    assert current == json.loads(SNAPSHOT.read_text())
