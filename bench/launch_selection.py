"""Some assets of the weekly job, launched as `alliance-tracker run` launches it (Dagster's
execute_job, into the instance $DAGSTER_HOME names), with the run's events on the console: the
process a drill watches and kills at a chosen step.

    python -m bench.launch_selection --select ASSET[,ASSET...] [--partition-range FIRST...LAST] [--config-json JSON]
"""

from __future__ import annotations

import argparse
import json
import sys


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.launch_selection")
    parser.add_argument("--select", required=True, help="asset names separated by commas")
    parser.add_argument("--partition-range", help="FIRST...LAST publication weeks")
    parser.add_argument("--config-json", default="{}", help="run config to add (resources...)")
    args = parser.parse_args(argv)

    from dagster import AssetKey, DagsterInstance, execute_job, reconstructable

    from pipelines.launch import weekly_pipeline
    from pipelines.partitions import week_range_tags

    tags = week_range_tags(*args.partition_range.split("...")) if args.partition_range else {}
    # DEBUG: every STEP_START reaches the console, where the drill reads when a step began.
    run_config = {"loggers": {"console": {"config": {"log_level": "DEBUG"}}},
                  **json.loads(args.config_json)}
    with DagsterInstance.get() as instance:
        result = execute_job(reconstructable(weekly_pipeline), instance=instance, tags=tags,
                             run_config=run_config,
                             asset_selection=[AssetKey(name) for name in args.select.split(",")])
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
