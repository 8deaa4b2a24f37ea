"""Resources that point the pipeline at a replica of the sources and a throwaway warehouse."""

import pytest

from pipelines.resources import SourcesResource, WarehouseResource

# Politeness protects real servers; against the local replica it only slows the suite down.
FAST_CRAWL = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "ROBOTSTXT_OBEY": "False"}


def replica_resources(warehouse_file, replica, **more_settings) -> dict:
    return {
        "warehouse": WarehouseResource(database=str(warehouse_file)),
        "sources": SourcesResource(doj_base_url=replica.doj_base_url,
                                   presscorner_base_url=replica.presscorner_base_url,
                                   extra_settings={**FAST_CRAWL, **more_settings}),
    }


@pytest.fixture(scope="session")
def resources_for():
    """resources_for(warehouse_file, replica, **scrapy_settings) -> Dagster resources."""
    return replica_resources
