"""The Dagster code location: every asset, check, job, schedule and resource of alliance-tracker."""

from dagster import Definitions, in_process_executor

from pipelines.assets import ALL_ASSETS
from pipelines.checks import ALL_CHECKS
from pipelines.resources import SourcesResource, WarehouseResource
from pipelines.schedules import weekly_job, weekly_schedule

defs = Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[weekly_job],
    schedules=[weekly_schedule],
    resources={"warehouse": WarehouseResource(), "sources": SourcesResource()},
    # DuckDB admits one writer process: steps run one after another in the run's process.
    executor=in_process_executor,
)
