"""The registry of sources (registry.toml): the one list of what the tracker crawls.

Read with tomllib, checked strictly (an unknown or missing field, a wrong type or a name used twice
is a RegistryError naming the entry and the field), so a typo never silently drops a source.
No Scrapy here: the pipelines, the tagger, the demo and the replica read it too.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

REGISTRY_FILE = Path(__file__).resolve().with_name("registry.toml")
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_SETTING = re.compile(r"[A-Z][A-Z0-9_]*_BASE_URL")
_ISSUER = re.compile(r"(?:[A-Z]{2})?")
_FIELDS = {
    "name": str, "title": str, "issuer": str, "base_url_setting": str, "live_base_url": str,
    "changed_listing": bool, "scope": dict,
}
# [source.citation], optional: where a document's reference number is ("source_id", the default,
# or "api_number": the number the API gives, a DOJ release number) and what to call it.
_CITATION = {"reference_from": ("source_id", "api_number"), "label": None}


class RegistryError(ValueError):
    """The registry file cannot be used; the message names the file, the entry and the field."""


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    issuer: str  # ISO 3166 alpha-2 of the member whose government speaks; "" for none
    base_url_setting: str
    live_base_url: str
    changed_listing: bool
    scope: Mapping[str, str] = field(default_factory=dict, hash=False)
    citation_reference_from: str = "source_id"
    citation_label: str = ""

    @property
    def live_path(self) -> str:
        """The live base URL's path ("" for a site root): where the replica serves this source."""
        return urlsplit(self.live_base_url).path.rstrip("/")

    def replica_base_url(self, root: str) -> str:
        """Where a replica served at `root` serves this source: the root plus the live path."""
        return root.rstrip("/") + self.live_path

    def scope_variable(self, argument: str) -> str:
        """The environment variable that overrides a scope argument: PRESSCORNER_QUERIES for
        `queries` of the source whose base URL setting is PRESSCORNER_BASE_URL."""
        return self.base_url_setting.removesuffix("BASE_URL") + argument.upper()


def load_registry(path: Path = REGISTRY_FILE) -> tuple[Source, ...]:
    """The sources of a registry file, in file order; RegistryError when it is not strictly valid."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RegistryError(f"{path}: cannot read the registry ({' '.join(str(error).split())})") from None
    unknown = sorted(set(data) - {"source"})
    if unknown:
        raise RegistryError(f"{path}: unknown table(s) {', '.join(unknown)} (only [[source]])")
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise RegistryError(f"{path}: no [[source]] entries")
    sources: list[Source] = []
    for index, entry in enumerate(entries):
        source = _source(entry, f"{path}: source {index + 1}")
        if any(known.name == source.name for known in sources):
            raise RegistryError(f"{path}: source {index + 1}: field 'name': {source.name!r} is "
                                "already the name of an earlier source")
        sources.append(source)
    return tuple(sources)


def _source(entry: Mapping[str, Any], where: str) -> Source:
    unknown = sorted(set(entry) - set(_FIELDS) - {"citation"})
    if unknown:
        raise RegistryError(f"{where}: unknown field(s) {', '.join(unknown)}")
    missing = [name for name in _FIELDS if name not in entry]
    if missing:
        raise RegistryError(f"{where}: missing field(s) {', '.join(missing)}")
    for name, kind in _FIELDS.items():
        if not isinstance(entry[name], kind):
            raise RegistryError(f"{where}: field {name!r}: expected {kind.__name__}, "
                                f"got {type(entry[name]).__name__}")
    where = f"{where} ({entry['name']})"
    if not _NAME.fullmatch(entry["name"]):
        raise RegistryError(f"{where}: field 'name': expected a lower-case Python identifier")
    if not entry["title"].strip():
        raise RegistryError(f"{where}: field 'title': expected non-empty text")
    if not _ISSUER.fullmatch(entry["issuer"]):
        raise RegistryError(f"{where}: field 'issuer': expected a two-letter member code or \"\"")
    if not _SETTING.fullmatch(entry["base_url_setting"]):
        raise RegistryError(f"{where}: field 'base_url_setting': expected NAME_BASE_URL")
    live = urlsplit(entry["live_base_url"])
    if live.scheme != "https" or not live.netloc or live.query or live.fragment:
        raise RegistryError(f"{where}: field 'live_base_url': expected https://host[/path]")
    scope = entry["scope"]
    for argument, value in scope.items():
        if not _NAME.fullmatch(argument) or not isinstance(value, str):
            raise RegistryError(f"{where}: field 'scope': {argument!r} must be a lower-case name "
                                "with a text default")
    citation = _citation(entry.get("citation", {}), where)
    return Source(
        name=entry["name"], title=entry["title"].strip(), issuer=entry["issuer"],
        base_url_setting=entry["base_url_setting"],
        live_base_url=entry["live_base_url"].rstrip("/"),
        changed_listing=entry["changed_listing"], scope=MappingProxyType(dict(scope)),
        citation_reference_from=citation.get("reference_from", "source_id"),
        citation_label=citation.get("label", ""),
    )


def _citation(citation: Any, where: str) -> dict[str, str]:
    if not isinstance(citation, dict):
        raise RegistryError(f"{where}: field 'citation': expected a table")
    unknown = sorted(set(citation) - set(_CITATION))
    if unknown:
        raise RegistryError(f"{where}: field 'citation': unknown field(s) {', '.join(unknown)}")
    for name, allowed in _CITATION.items():
        value = citation.get(name)
        if value is not None and (not isinstance(value, str) or (allowed and value not in allowed)):
            expected = " or ".join(allowed) if allowed else "text"
            raise RegistryError(f"{where}: field 'citation.{name}': expected {expected}")
    return citation


SOURCES: tuple[Source, ...] = load_registry()
NAMES: tuple[str, ...] = tuple(entry.name for entry in SOURCES)


def source(name: str) -> Source:
    """The registry entry of `name`; RegistryError naming the known sources when there is none."""
    for entry in SOURCES:
        if entry.name == name:
            return entry
    raise RegistryError(f"unknown source {name!r}; the registry ({REGISTRY_FILE.name}) "
                        f"lists: {', '.join(NAMES)}")
