"""Read input documents: text, JSON, JSON Lines, HTML, feeds, WordPress exports, directories, stdin.

Reading never raises for one bad document: each input yields either a
:class:`Document` or a :class:`DocumentFailure` naming the source and the
problem, so a batch always completes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rasd.errors import (
    DocumentEncodingError,
    DocumentError,
    DocumentFormatError,
    EmptyDocumentError,
)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf", ".wxr"})
SUFFIXES = TEXT_SUFFIXES | FEED_SUFFIXES | {".json", ".jsonl", ".ndjson", ".html", ".htm"}


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    text: str
    published: date | None = None
    url: str | None = None
    title: str | None = None
    source: str = ""
    outlet: str | None = None  # who published it: a site, a monitoring group


@dataclass(frozen=True, slots=True)
class DocumentFailure:
    doc_id: str
    source: str
    error: DocumentError


def read_documents(paths: Iterable[str], stdin_text: str | None = None) -> Iterator[Document | DocumentFailure]:
    """Documents from paths in order; directories are walked in sorted order; ``-`` is stdin."""
    for raw in paths:
        if raw == "-":
            text = stdin_text if stdin_text is not None else sys.stdin.read()
            yield text_document("stdin", text, "-")
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield _failure(raw, DocumentFormatError(
                    f"directory {raw} holds no readable documents.",
                    hint=f"put files ending in {', '.join(sorted(SUFFIXES))} in it.", source=raw))
            for file in files:
                yield from _read_file(file)
        elif path.is_file():
            yield from _read_file(path)
        else:
            yield _failure(raw, DocumentError(f"{raw} does not exist.", hint="check the path.", source=raw))


def _failure(source: str, error: DocumentError, doc_id: str | None = None) -> DocumentFailure:
    return DocumentFailure(doc_id or Path(source).stem or source, source, error)


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:8192]:
        raise DocumentFormatError(
            f"{source} looks like a binary file (it contains NUL bytes), not text.",
            hint="give rasd UTF-8 text, JSON, JSON Lines or HTML files.", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentEncodingError(
            f"{source} is not valid UTF-8 (byte {exc.start}).",
            hint="convert it first, e.g. iconv -f WINDOWS-1256 -t UTF-8.", source=source) from exc


def _read_file(path: Path) -> Iterator[Document | DocumentFailure]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        text = _decode(path.read_bytes(), source)
    except DocumentError as exc:
        yield _failure(source, exc)
        return
    except OSError as exc:
        error = DocumentError(f"{source} cannot be read: {exc.strerror}.", hint="check permissions.", source=source)
        yield _failure(source, error)
        return
    if suffix == ".json":
        yield _json_document(text, source, path.stem)
    elif suffix in (".jsonl", ".ndjson"):
        for lineno, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield _json_document(line, f"{source}:{lineno}", f"{path.stem}:{lineno}")
    elif suffix in (".html", ".htm"):
        yield html_document(path.stem, text, source)
    elif suffix in FEED_SUFFIXES:
        from rasd.feeds import read_feed

        yield from read_feed(text, source, path.stem)
    else:
        yield text_document(path.stem, text, source)


def text_document(doc_id: str, text: str, source: str, **fields: Any) -> Document | DocumentFailure:
    if not text.strip():
        return _failure(source, EmptyDocumentError(
            f"{source} has no text.", hint="remove the empty document or fill it.", source=source), doc_id)
    return Document(doc_id, text, source=source, **fields)


def _json_document(raw: str, source: str, fallback_id: str) -> Document | DocumentFailure:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        return _failure(source, DocumentFormatError(
            f"{source} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}.",
            hint="each JSON document must be an object with a \"text\" field.", source=source), fallback_id)
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return _failure(source, DocumentFormatError(
            f"{source} has no \"text\" string field.",
            hint="give an object like {\"id\": \"1\", \"text\": \"...\", \"published\": \"2017-01-15\"}.",
            source=source), fallback_id)
    doc_id = str(obj.get("id") or fallback_id)
    published = obj.get("published")
    try:
        published_date = date.fromisoformat(published) if published else None
    except (TypeError, ValueError):
        return _failure(source, DocumentFormatError(
            f"{source}: \"published\" is {published!r}, not a YYYY-MM-DD date.",
            hint="write the publication date as YYYY-MM-DD, or leave it out.", source=source), doc_id)
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    outlet = obj.get("outlet") if isinstance(obj.get("outlet"), str) else None
    return text_document(doc_id, obj["text"], source, published=published_date, url=url, title=title,
                          outlet=outlet or outlet_of(url))


def outlet_of(url: str | None) -> str | None:
    """The site a URL belongs to (its host without www.), the outlet when none is named."""
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def html_document(doc_id: str, html: str, source: str, **fields: Any) -> Document | DocumentFailure:
    """A page's main text (trafilatura drops menus, footers and comments), title, date and site name."""
    import trafilatura

    if not html.strip():
        return text_document(doc_id, "", source, **fields)
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        # trafilatura gives nothing for pages too short to look like articles; keep all visible text then
        return text_document(doc_id, html_to_text(html), source, **fields)
    fields.setdefault("title", getattr(found, "title", None))
    fields.setdefault("outlet", getattr(found, "sitename", None) or outlet_of(fields.get("url")))
    fields.setdefault("url", getattr(found, "url", None))
    if "published" not in fields:
        fields["published"] = _iso_date(getattr(found, "date", None))
    return text_document(doc_id, text, source, **fields)


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


class _TextOfHtml(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line (offsets refer to this text)."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
