"""Saved feeds, WordPress exports and web pages become documents with their link, date, title and outlet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rasd.documents import Document, DocumentFailure, read_documents

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>مرصد الشرق</title><link>https://example.org</link>
<item><title>قصف على سراقب</title><link>https://example.org/1</link>
<pubDate>Thu, 02 Mar 2017 10:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>قتل 12 مدنياً في غارات جوية على مدينة سراقب أمس.</p>]]></content:encoded></item>
<item><title>اعتقالات في دوما</title><link>https://example.org/2</link>
<description>اعتقلت قوات النظام 20 شاباً في مدينة دوما.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>شبكة الرصد</title>
<entry><title>انشقاق</title><link href="https://example.net/a"/><id>tag:example.net,2016:a</id>
<updated>2016-11-15T08:00:00Z</updated><content type="html">&lt;p&gt;انشق 8 عناصر في تدمر.&lt;/p&gt;</content></entry>
</feed>"""

WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>مرصد تدمر</title><link>https://monitor.example</link>
<item><title>دراسة عن الانشقاقات</title><link>https://monitor.example/study</link>
<pubDate>Tue, 15 Nov 2016 09:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>وثقنا انشقاق 8 عناصر جدد من مدينة تدمر.</p><p>وتوجه معظمهم إلى ريف إدلب.</p>]]></content:encoded>
<wp:post_id>41</wp:post_id><wp:post_date>2016-11-15 11:00:00</wp:post_date>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
<item><title>مسودة</title><content:encoded><![CDATA[<p>نص لم ينشر بعد.</p>]]></content:encoded>
<wp:post_id>42</wp:post_id><wp:status>draft</wp:status><wp:post_type>post</wp:post_type></item>
<item><title>logo.png</title><wp:post_id>43</wp:post_id><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type></item>
</channel></rss>"""

PAGE = """<html><head><title>غارات على إدلب</title><meta property="og:site_name" content="عنب بلدي">
<meta property="article:published_time" content="2017-03-02"></head><body>
<nav><a href="/">الرئيسية</a> <a href="/news">أخبار</a></nav>
<article><h1>غارات على إدلب</h1><p>قتل 12 مدنياً في غارات جوية شنها الطيران الحربي على مدينة سراقب بريف إدلب الشرقي صباح أمس،
بحسب ما أفاد ناشطون من المدينة. وقال الدفاع المدني إن فرقه انتشلت الضحايا من تحت الأنقاض.</p>
<p>وتتعرض مدن وبلدات ريف إدلب لقصف متواصل منذ بداية الشهر، ما دفع مئات العائلات إلى النزوح نحو المخيمات.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def _read(tmp_path: Path, name: str, content: str) -> list[Document | DocumentFailure]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return list(read_documents([str(path)]))


def test_rss_items_are_documents_with_the_feed_as_outlet(tmp_path: Path) -> None:
    docs = _read(tmp_path, "feed.xml", RSS)
    assert all(isinstance(d, Document) for d in docs)
    first, second = docs
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.outlet, first.url, first.title, first.published) == ("مرصد الشرق", "https://example.org/1", "قصف على سراقب",
                                                                        date(2017, 3, 2))
    assert "سراقب" in first.text and "<p>" not in first.text
    assert second.published is None and "دوما" in second.text


def test_atom_entries_are_documents(tmp_path: Path) -> None:
    (doc,) = _read(tmp_path, "feed.atom", ATOM)
    assert isinstance(doc, Document)
    assert (doc.outlet, doc.url, doc.published) == ("شبكة الرصد", "https://example.net/a", date(2016, 11, 15))
    assert "تدمر" in doc.text


def test_wordpress_export_keeps_published_posts_only(tmp_path: Path) -> None:
    docs = _read(tmp_path, "site.WordPress.2016-11-20.xml", WXR)
    assert len(docs) == 1  # the draft and the attachment are not writing to ingest
    (doc,) = docs
    assert isinstance(doc, Document)
    assert (doc.outlet, doc.published, doc.url, doc.doc_id.endswith(":41")) == (
        "مرصد تدمر", date(2016, 11, 15), "https://monitor.example/study", True)
    assert "تدمر" in doc.text and "إدلب" in doc.text


def test_web_page_main_text_without_menus_and_footer(tmp_path: Path) -> None:
    (doc,) = _read(tmp_path, "page.html", PAGE)
    assert isinstance(doc, Document)
    assert "سراقب" in doc.text and "النزوح" in doc.text
    assert "الرئيسية" not in doc.text and "جميع الحقوق" not in doc.text
    assert (doc.title, doc.outlet, doc.published) == ("غارات على إدلب", "عنب بلدي", date(2017, 3, 2))


@pytest.mark.parametrize(("name", "content", "code"), [
    ("broken.xml", "<rss><channel><item>", "E204"),  # feedparser reads the item; it has no text
    ("broken_wp.xml", '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>', "E203"),
    ("empty_feed.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>', "E203"),
])
def test_broken_feeds_are_clear_failures(tmp_path: Path, name: str, content: str, code: str) -> None:
    (failure,) = _read(tmp_path, name, content)
    assert isinstance(failure, DocumentFailure)
    assert failure.error.code == code and name in failure.error.message
