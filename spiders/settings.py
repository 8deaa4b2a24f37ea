"""Scrapy settings for the alliance-tracker spiders (run from spiders/, where scrapy.cfg is).

The base URLs point at the live sites; `-s NAME=value` or an environment variable of the same
name (applied by spiders.addons.EnvironmentSettings) points them at the replica instead.
"""

BOT_NAME = "alliance_tracker"
SPIDER_MODULES = ["spiders.crawlers"]
NEWSPIDER_MODULE = "spiders.crawlers"
ADDONS = {"spiders.addons.EnvironmentSettings": 0}

DOJ_BASE_URL = "https://www.justice.gov"
PRESSCORNER_BASE_URL = "https://ec.europa.eu/commission/presscorner"
# Who to contact about this crawler; it goes into the User-Agent (set ALLIANCE_CONTACT).
ALLIANCE_CONTACT = "alliance-tracker maintainers <alliance-tracker@example.org>"

ROBOTSTXT_OBEY = True
# At most 4 requests a second per host (sources.md): a fixed 0.25 s gap, never randomised
# below it, and AutoThrottle may only slow down from there.
DOWNLOAD_DELAY = 0.25
RANDOMIZE_DOWNLOAD_DELAY = False
CONCURRENT_REQUESTS_PER_DOMAIN = 4
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

RETRY_ENABLED = True
RETRY_TIMES = 3  # the first try and three retries, then the request is given up and logged
DOWNLOAD_TIMEOUT = 60
# A listing page of 50 releases is well under 2 MB; anything far larger is not a real answer.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

FEED_EXPORT_ENCODING = "utf-8"
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
REMOTE_CONTROL_ENABLED = False  # like the telnet console: no code-execution port during crawls
