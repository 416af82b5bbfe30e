"""Ingest: read documents, extract their events, store each document once.

Each document is stored in its own transaction together with its events and
its audit entry, so an ingest killed midway leaves every finished document
complete and none half-written; running it again skips what is stored (same
SHA-256 of the text) and completes the rest. A document that cannot be read
or extracted is reported and skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from rasd.documents import Document, DocumentFailure, read_documents
from rasd.errors import RasdError
from rasd.pipeline import Extractor
from rasd.store import Store
from rasd.store.audit import text_sha256

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Problem:
    source: str
    error: dict[str, object]


@dataclass
class IngestReport:
    new: int = 0
    duplicates: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.new + self.duplicates + len(self.problems)


def ingest(store: Store, paths: Iterable[str], extractor: Extractor, *, published: date | None = None,
           on_document: Callable[[IngestReport, str], None] | None = None) -> IngestReport:
    """Ingest every document under ``paths``; ``on_document`` is called after each (for progress bars)."""
    report = IngestReport()
    for item in read_documents(paths):
        if isinstance(item, DocumentFailure):
            report.problems.append(Problem(item.source, item.error.to_dict()))
        else:
            _ingest_one(store, item, extractor, published, report)
        if on_document is not None:
            on_document(report, item.source)
    return report


def _ingest_one(store: Store, doc: Document, extractor: Extractor, published: date | None, report: IngestReport) -> None:
    if store.has_document(text_sha256(doc.text)) is not None:
        report.duplicates += 1  # checked before extracting, so re-running an ingest is cheap
        return
    try:
        extraction = extractor.extract(doc.text, published=doc.published or published, doc_id=doc.doc_id)
    except Exception as exc:  # one document's failure must never sink the batch
        log.exception("extraction failed for %s", doc.source)
        report.problems.append(Problem(doc.source, {"code": "E900", "message": f"extraction failed: {exc!r}",
                                                    "hint": "please report this with the document.", "source": doc.source}))
        return
    if doc.published is None and published is not None:
        doc = Document(doc.doc_id, doc.text, published, doc.url, doc.title, doc.source, doc.outlet)
    try:
        stored = store.add_document(doc, [event.to_dict() for event in extraction.events])
    except RasdError as exc:
        report.problems.append(Problem(doc.source, exc.to_dict()))
        return
    if stored.status == "duplicate":
        report.duplicates += 1
    else:
        report.new += 1
        report.events += stored.events
