"""Crawl settings: polite by default, and base URLs from -s, then the environment, then defaults."""

from __future__ import annotations

from scrapy.settings import Settings

from spiders.addons import update_from_environment


def project_settings() -> Settings:
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    return settings


def test_defaults_point_at_the_live_sites():
    settings = project_settings()
    update_from_environment(settings, {})
    assert settings["DOJ_BASE_URL"] == "https://www.justice.gov"
    assert settings["PRESSCORNER_BASE_URL"] == "https://ec.europa.eu/commission/presscorner"


def test_at_most_four_requests_a_second_per_host():
    settings = project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    # A randomised delay may fall to half of DOWNLOAD_DELAY, so it must be off for the bound.
    assert settings.getfloat("DOWNLOAD_DELAY_JITTER") == 0
    assert 1 / settings.getfloat("DOWNLOAD_DELAY") <= 4
    assert settings.getfloat("AUTOTHROTTLE_START_DELAY") >= settings.getfloat("DOWNLOAD_DELAY")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 4
    assert settings.getbool("RETRY_ENABLED") and 1 <= settings.getint("RETRY_TIMES") <= 5
    assert settings["FEED_EXPORT_ENCODING"] == "utf-8"


def test_environment_overrides_settings_module():
    settings = project_settings()
    update_from_environment(settings, {"DOJ_BASE_URL": "http://127.0.0.1:9/",
                                       "PRESSCORNER_BASE_URL": "http://127.0.0.1:9/pc"})
    assert settings["DOJ_BASE_URL"] == "http://127.0.0.1:9/"
    assert settings["PRESSCORNER_BASE_URL"] == "http://127.0.0.1:9/pc"


def test_command_line_overrides_environment():
    settings = project_settings()
    settings.set("DOJ_BASE_URL", "http://from-command-line", priority="cmdline")
    update_from_environment(settings, {"DOJ_BASE_URL": "http://from-environment"})
    assert settings["DOJ_BASE_URL"] == "http://from-command-line"


def test_user_agent_names_the_project_and_its_contact():
    settings = project_settings()
    update_from_environment(settings, {"ALLIANCE_CONTACT": "research-desk@example.net"})
    assert settings["USER_AGENT"].startswith("alliance-tracker/")
    assert "research-desk@example.net" in settings["USER_AGENT"]

    explicit = project_settings()
    explicit.set("USER_AGENT", "custom agent", priority="cmdline")
    update_from_environment(explicit, {"ALLIANCE_CONTACT": "research-desk@example.net"})
    assert explicit["USER_AGENT"] == "custom agent"


def test_scrapy_extensions_stay_less_the_remote_control():
    from scrapy.settings.default_settings import EXTENSIONS_BASE

    loaded = project_settings().getwithbase("EXTENSIONS")
    assert "spiders.extensions.CrawlStatsFile" in loaded
    assert not any(name.endswith("RemoteControl") for name in loaded)
    # every other extension of this Scrapy version keeps its place: stats, feeds, AutoThrottle...
    assert {name: order for name, order in EXTENSIONS_BASE.items() if not name.endswith("RemoteControl")} \
        .items() <= dict(loaded).items()
    assert "scrapy.extensions.throttle.AutoThrottle" in loaded
