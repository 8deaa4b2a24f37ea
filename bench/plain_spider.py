"""The yardstick for the crawl: a bare Scrapy spider that fetches a list of URLs and keeps nothing.

    scrapy runspider bench/plain_spider.py -a urls=FILE
"""

from __future__ import annotations

from pathlib import Path

import scrapy


class PlainSpider(scrapy.Spider):
    name = "plain"

    def __init__(self, urls: str = "", **kwargs):
        super().__init__(**kwargs)
        if not urls:
            raise ValueError("plain spider: give the URL list with -a urls=FILE")
        self.url_list = [line.strip() for line in Path(urls).read_text().splitlines() if line.strip()]

    async def start(self):
        for url in self.url_list:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response):
        return None
