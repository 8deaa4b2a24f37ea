"""The Dagster code location: every asset, resource and executor of alliance-tracker."""

from dagster import Definitions, in_process_executor

from pipelines.assets import ALL_ASSETS
from pipelines.resources import SourcesResource, WarehouseResource

defs = Definitions(
    assets=ALL_ASSETS,
    resources={"warehouse": WarehouseResource(), "sources": SourcesResource()},
    # DuckDB admits one writer process: steps run one after another in the run's process.
    executor=in_process_executor,
)
