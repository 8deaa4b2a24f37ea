"""Dagster resources: the warehouse (a DuckDBResource) and the sources' base URLs."""

from __future__ import annotations

import os
from contextlib import contextmanager

from dagster import ConfigurableResource, InitResourceContext
from dagster_duckdb import DuckDBResource
from pydantic import Field

from warehouse.connection import connection_config
from warehouse.location import warehouse_path
from warehouse.schema import migrate

LIVE_DOJ_BASE_URL = "https://www.justice.gov"
LIVE_PRESSCORNER_BASE_URL = "https://ec.europa.eu/commission/presscorner"


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
    """Base URLs of the sources (the live sites unless the environment points at a replica) and what
    to ask the Press Corner for."""

    def spider_scope(self, spider: str) -> dict[str, str]:
        """Arguments that choose what a spider lists; its watermark holds only for the same scope."""
        if spider != "eu":
            return {}
        queries = self.presscorner_queries or os.environ.get("PRESSCORNER_QUERIES", "")
        types = self.presscorner_types or os.environ.get("PRESSCORNER_TYPES", "")
        # One spelling per scope, so "ip, memo" and "MEMO,IP" share a watermark.
        queries = ";".join(dict.fromkeys(q.strip() for q in queries.split(";") if q.strip()))
        types = ",".join(sorted({t.strip().upper() for t in types.split(",") if t.strip()}))
        return {name: value for name, value in (("queries", queries), ("types", types)) if value}

    doj_base_url: str = Field(default="", description="empty: $DOJ_BASE_URL or the live site")
    presscorner_base_url: str = Field(default="", description="empty: $PRESSCORNER_BASE_URL or the live site")
    presscorner_queries: str = Field(
        default="", description="Press Corner text queries separated by ';' (empty: $PRESSCORNER_QUERIES, else every document)")
    presscorner_types: str = Field(
        default="", description="Press Corner document types, e.g. 'IP,MEMO' (empty: $PRESSCORNER_TYPES, else all)")
    spiders: str = Field(
        default="", description="sources to crawl, e.g. 'doj' or 'doj,eu' (empty: every source)")
    extra_settings: dict[str, str] = Field(
        default={}, description="more Scrapy settings, e.g. politeness off against a local replica"
    )

    def selected_spiders(self) -> tuple[str, ...]:
        """The spiders this run crawls, in the order of SPIDERS; an unknown name is refused."""
        from pipelines.crawling import SPIDERS

        asked = {name.strip() for name in self.spiders.split(",") if name.strip()}
        unknown = sorted(asked - set(SPIDERS))
        if unknown:
            raise ValueError(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(SPIDERS)}")
        return tuple(spider for spider in SPIDERS if not asked or spider in asked)

    def resolved(self) -> dict[str, str]:
        return {
            **self.extra_settings,
            "DOJ_BASE_URL": self.doj_base_url or os.environ.get("DOJ_BASE_URL") or LIVE_DOJ_BASE_URL,
            "PRESSCORNER_BASE_URL": self.presscorner_base_url
            or os.environ.get("PRESSCORNER_BASE_URL")
            or LIVE_PRESSCORNER_BASE_URL,
        }
