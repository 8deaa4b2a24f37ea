"""Settings that depend on the environment, applied when a crawl starts (not at import).

Precedence: `-s NAME=value` on the command line, then the environment variable NAME, then
settings.py. The User-Agent is built from ALLIANCE_CONTACT unless USER_AGENT is given on the
command line.
"""

from __future__ import annotations

import os

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

from spiders.registry import SOURCES

# Every source's base URL setting (the registry's), and who to contact.
FROM_ENVIRONMENT = (*(source.base_url_setting for source in SOURCES), "ALLIANCE_CONTACT")
CRAWLER_VERSION = "0.1"


def user_agent(contact: str) -> str:
    return f"alliance-tracker/{CRAWLER_VERSION} (research crawler; contact: {contact})"


class EnvironmentSettings:
    def update_settings(self, settings: BaseSettings) -> None:
        update_from_environment(settings, os.environ)


def update_from_environment(settings: BaseSettings, environ: dict[str, str] | os._Environ) -> None:
    explicit = SETTINGS_PRIORITIES["cmdline"]
    for name in FROM_ENVIRONMENT:
        value = environ.get(name, "").strip()
        if value and (settings.getpriority(name) or 0) < explicit:
            settings.set(name, value, priority="project")
    if (settings.getpriority("USER_AGENT") or 0) < explicit:
        settings.set("USER_AGENT", user_agent(settings.get("ALLIANCE_CONTACT")), priority="project")
