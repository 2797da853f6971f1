"""Scrapy spider for the synthetic site (cmd/sitegen): the same hand-written
selectors as bench/barecolly, following the next link, storing nothing.

    python3 -m scrapy runspider -a theme=classic -a start=URL bench/scrapy_spider.py
"""
import scrapy

SELECTORS = {
    "classic": ("article.post", "h2.entry-title a", ".entry-summary", "time.entry-date", "a.next.page-numbers"),
    "block": ("li.wp-block-post", "h2.wp-block-post-title a", ".wp-block-post-excerpt__excerpt", "time", "a.wp-block-query-pagination-next"),
    "magazine": ("article.post-item", "h3.post-heading a", "p.excerpt", ".post-date", ".pager a.older"),
}


class ListingSpider(scrapy.Spider):
    name = "listing"
    custom_settings = {"LOG_LEVEL": "ERROR", "HTTPCACHE_ENABLED": False, "TELNETCONSOLE_ENABLED": False}

    def __init__(self, start, theme="classic", **kw):
        super().__init__(**kw)
        self.start_urls = [start]
        self.sel = SELECTORS[theme]

    def parse(self, response):
        item, title, summary, date, nxt = self.sel
        for entry in response.css(item):
            a = entry.css(title)
            yield {
                "url": response.urljoin(a.attrib.get("href", "")),
                "title": " ".join(a.css("::text").getall()).strip(),
                "summary": " ".join(entry.css(summary + " ::text").getall()).strip(),
                "published": entry.css(date).attrib.get("datetime"),
            }
        href = response.css(nxt).attrib.get("href")
        if href:
            yield response.follow(href, self.parse)
