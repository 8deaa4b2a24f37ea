"""Resources that point the pipeline at a replica of the sources and a throwaway warehouse."""

import pytest

from pipelines.resources import SourcesResource, WarehouseResource

# Politeness protects real servers; against the local replica it only slows the suite down.
FAST_CRAWL = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "ROBOTSTXT_OBEY": "False"}


def replica_resources(warehouse_file, replica, **more_settings) -> dict:
    return {
        "warehouse": WarehouseResource(database=str(warehouse_file)),
        "sources": SourcesResource(source_settings=replica.base_urls,
                                   extra_settings={**FAST_CRAWL, **more_settings}),
    }


@pytest.fixture(scope="session")
def fast_crawl() -> dict[str, str]:
    """Scrapy settings for crawls of the replica: no politeness delays."""
    return FAST_CRAWL


@pytest.fixture(scope="session")
def resources_for():
    """resources_for(warehouse_file, replica, **scrapy_settings) -> Dagster resources."""
    return replica_resources


@pytest.fixture(scope="session")
def replica_weeks() -> dict[str, str]:
    """Run tags for one run over the weeks the replica has documents in (2012 to its newest), not
    every week to today: each week of a range costs Dagster an event per asset, seconds per run."""
    from pipelines.partitions import publication_weeks, week_of, week_range_tags
    from replica.catalogue import load_catalogue

    return week_range_tags(publication_weeks.get_first_partition_key(), week_of(load_catalogue().newest_day()))


@pytest.fixture(scope="session")
def fault_weeks() -> dict[str, str]:
    """Run tags for the fault tests: the replica's newest weeks that hold a few documents of each
    faulted source (fault_collect.py asks for small listing pages, so that a listing still reaches a
    second page: a fault is served on the first replies, the repeated item on a second page). Each
    week of a run costs Dagster an event per asset: two dozen runs over two years spent most of their
    time on those."""
    from datetime import timedelta

    from pipelines.partitions import week_of, week_range_tags
    from replica.catalogue import load_catalogue

    newest = load_catalogue().newest_day()
    return week_range_tags(week_of(newest - timedelta(days=120)), week_of(newest))
