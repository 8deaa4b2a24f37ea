"""The sources' settings, read in one place: every registry source's base URL and scope arguments,
from explicit values (Dagster config, the run command), else the environment, else the registry.

Used by the Dagster SourcesResource, `alliance-tracker run` (through it), the demo and the bench.
A base URL is named by the source's `base_url_setting` (DOJ_BASE_URL); a scope argument by the
variable Source.scope_variable names (PRESSCORNER_QUERIES for the Commission's `queries`).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from dataclasses import dataclass

from spiders.registry import SOURCES, Source


@dataclass(frozen=True)
class SourceSettings:
    base_urls: dict[str, str]  # base URL setting (DOJ_BASE_URL) -> URL crawled
    scopes: dict[str, dict[str, str]]  # source name -> its scope arguments, in one spelling


def read_source_settings(given: Mapping[str, str] | None = None,
                         environ: Mapping[str, str] | None = None) -> SourceSettings:
    """Every registry source's base URL and scope: `given` values first, then `environ` (default
    os.environ), then the registry's live URL and default scope. Blank values count as unset."""
    given = given or {}
    environ = os.environ if environ is None else environ

    def value(name: str, default: str) -> str:
        return (given.get(name) or "").strip() or (environ.get(name) or "").strip() or default

    return SourceSettings(
        base_urls={entry.base_url_setting: value(entry.base_url_setting, entry.live_base_url)
                   for entry in SOURCES},
        scopes={entry.name: canonical_scope(entry, {
            argument: value(entry.scope_variable(argument), default)
            for argument, default in entry.scope.items()}) for entry in SOURCES},
    )


def canonical_scope(entry: Source, arguments: dict[str, str]) -> dict[str, str]:
    """The scope in one spelling (the source parser's `canonical_scope`, when it has one), so
    watermarks of the same scope match; empty arguments left out."""
    parsing = importlib.import_module(f"spiders.{entry.name}.parsing")
    spell = getattr(parsing, "canonical_scope", None)
    if spell is not None:
        return spell(arguments)
    return {name: value for name, value in arguments.items() if value}


def replica_base_urls(root: str) -> dict[str, str]:
    """Every source's base URL setting -> where a replica at `root` serves it: the root plus the
    path of the source's live base URL."""
    return {entry.base_url_setting: entry.replica_base_url(root) for entry in SOURCES}
