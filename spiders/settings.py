"""Scrapy settings for the alliance-tracker spiders (run from spiders/, where scrapy.cfg is).

The spiders and their base URLs come from the registry (spiders/registry.toml): one spider module
per source, `spiders.<name>.spider`, and one setting per source, named by its `base_url_setting`,
holding its live URL; `-s NAME=value` or an environment variable of the same name (applied by
spiders.addons.EnvironmentSettings) points it at the replica instead.
"""

from scrapy.settings.default_settings import EXTENSIONS_BASE as _SCRAPY_EXTENSIONS

from spiders import registry as _registry

BOT_NAME = "alliance_tracker"
SPIDER_MODULES = [f"spiders.{_source.name}.spider" for _source in _registry.SOURCES]
ADDONS = {"spiders.addons.EnvironmentSettings": 0}

# One setting per source (its base_url_setting): the live site, as the registry names it.
globals().update({_source.base_url_setting: _source.live_base_url for _source in _registry.SOURCES})
# Who to contact about this crawler; it goes into the User-Agent (set ALLIANCE_CONTACT).
ALLIANCE_CONTACT = "alliance-tracker maintainers <alliance-tracker@example.org>"

ROBOTSTXT_OBEY = True
# At most 4 requests a second per host (sources.md): a fixed 0.25 s gap, never randomised
# below it, and AutoThrottle may only slow down from there.
DOWNLOAD_DELAY = 0.25
DOWNLOAD_DELAY_JITTER = 0  # Scrapy's default (±50%) would go below the 0.25 s gap
CONCURRENT_REQUESTS_PER_DOMAIN = 4
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

RETRY_ENABLED = True
RETRY_TIMES = 3  # the first try and three retries, then the request is given up and counted
# Scrapy's RetryMiddleware retries at once and ignores Retry-After; ours waits (middlewares.py).
ALLIANCE_RETRY_BACKOFF = 2.0  # seconds before the first retry of a 5xx or failed download, doubling
ALLIANCE_RETRY_MAX_WAIT = 300.0  # longest wait; a longer Retry-After ends the crawl politely
ALLIANCE_BAD_BODY_RETRIES = 2  # asking again for a 200 whose body is not JSON
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.middlewares.PoliteRetryMiddleware": 550,
    # Next to the downloader: every response as received, before redirects or retries act.
    "spiders.middlewares.WarcArchiveMiddleware": 950,
}
EXTENSIONS = {"spiders.extensions.CrawlStatsFile": 0}
# Scrapy's own extensions, less its remote control, which is never wanted (no code-execution port
# during crawls, as with the telnet console) and whose module imports aiohttp's web server: a
# quarter of a second in every crawl process. Scrapy imports every key of these dicts, even one
# set to None, so it leaves the base instead.
EXTENSIONS_BASE = {name: order for name, order in _SCRAPY_EXTENSIONS.items()
                   if not name.endswith(".RemoteControl")}
# Set per crawl (-s NAME=path): the crawl record (JSON) and the raw archive's directory.
ALLIANCE_STATS_FILE = ""
ALLIANCE_WARC_DIR = ""
DOWNLOAD_TIMEOUT = 60
# A listing page of 50 releases is well under 2 MB; anything far larger is not a real answer.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

FEED_EXPORT_ENCODING = "utf-8"
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
REMOTE_CONTROL_ENABLED = False  # like the telnet console: no code-execution port during crawls
