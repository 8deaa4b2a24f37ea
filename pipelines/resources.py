"""Dagster resources: the warehouse (a DuckDBResource) and the sources (registry names, base URLs,
scope)."""

from __future__ import annotations

from contextlib import contextmanager

from dagster import ConfigurableResource, InitResourceContext
from dagster_duckdb import DuckDBResource
from pydantic import Field

from pipelines.source_settings import SourceSettings, read_source_settings
from spiders.registry import NAMES
from spiders.registry import source as registered_source
from warehouse.connection import connection_config
from warehouse.location import warehouse_path
from warehouse.schema import migrate


class WarehouseResource(DuckDBResource):
    """The DuckDB warehouse; an empty `database` means $ALLIANCE_WAREHOUSE or warehouse/alliance.duckdb.

    Resolved when a run opens it rather than when definitions load, so one code location serves any
    warehouse the environment names. The schema is brought up to date once, when a run sets the
    resource up (with the in-process executor, once per run); opening a connection changes nothing.
    """

    database: str = Field(default="", description="DuckDB file; empty: $ALLIANCE_WAREHOUSE or the default")

    def path(self):
        return warehouse_path(self.database or None)

    def setup_for_execution(self, context: InitResourceContext) -> None:
        with self.get_connection() as conn:
            applied = migrate(conn)
        if applied and context.log is not None:
            context.log.info(f"warehouse {self.path()}: applied migrations {', '.join(applied)}")

    @contextmanager
    def get_connection(self):
        config = {**connection_config(), **self.connection_config}
        resolved = type(self)(database=str(self.path()), connection_config=config)
        with DuckDBResource.get_connection(resolved) as conn:
            yield conn


class SourcesResource(ConfigurableResource):
    """Which registry sources a run crawls, their base URLs (the live sites unless the environment
    points at a replica) and what to ask each for (pipelines/source_settings.py reads them)."""

    source_settings: dict[str, str] = Field(
        default={}, description="source settings over the environment: base URLs by setting name "
        "(e.g. DOJ_BASE_URL) and scope variables (e.g. PRESSCORNER_QUERIES); empty: the environment, "
        "else the registry's live sites and default scope")
    spiders: str = Field(
        default="", description="sources to crawl, comma-separated registry names (empty: every source)")
    extra_settings: dict[str, str] = Field(
        default={}, description="more Scrapy settings, e.g. politeness off against a local replica"
    )

    def read(self) -> SourceSettings:
        return read_source_settings(self.source_settings)

    def spider_scope(self, spider: str) -> dict[str, str]:
        """Arguments that choose what a spider lists; its watermark holds only for the same scope."""
        return self.read().scopes[registered_source(spider).name]

    def coverage_scope(self, spider: str) -> dict[str, str]:
        """Every scope argument the registry names for the spider, "" where this scope leaves it
        out: what tells crawls of one scope from another's (warehouse.state.crawl_coverage)."""
        from spiders.registry import source

        return {**dict.fromkeys(source(spider).scope, ""), **self.spider_scope(spider)}

    def selected_spiders(self) -> tuple[str, ...]:
        """The spiders this run crawls, in registry order; an unknown name is refused."""
        asked = {name.strip() for name in self.spiders.split(",") if name.strip()}
        unknown = sorted(asked - set(NAMES))
        if unknown:
            raise ValueError(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(NAMES)}")
        return tuple(spider for spider in NAMES if not asked or spider in asked)

    def resolved(self) -> dict[str, str]:
        """The Scrapy settings every crawl of the run gets: the extra ones and the base URLs."""
        return {**self.extra_settings, **self.read().base_urls}
