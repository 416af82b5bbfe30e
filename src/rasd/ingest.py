"""Ingest: read documents, extract their events, store each document once.

Each document is stored in its own transaction together with its events and
its audit entry, so an ingest killed midway leaves every finished document
complete and none half-written; running it again skips what is stored (same
SHA-256 of the text) and completes the rest. A document that cannot be read
or extracted is reported and skipped. Extraction can run in a pool of worker
processes (the pipeline is pure and picklable); storing stays in this one.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from rasd.documents import Document, DocumentFailure, read_documents
from rasd.errors import RasdError
from rasd.pipeline import Extractor, default_extractor
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


BATCH = 32  # documents handed to the worker pool at a time


def ingest(store: Store, paths: Iterable[str], extractor: Extractor, *, published: date | None = None,
           on_document: Callable[[IngestReport, str], None] | None = None, workers: int = 1) -> IngestReport:
    """Ingest every document under ``paths``; ``on_document`` is called after each (for progress bars).

    With ``workers`` > 1, extraction runs in that many processes while this one stores the
    previous batch; documents are still stored one transaction each, in input order.
    """
    report = IngestReport()

    def note(source: str) -> None:
        if on_document is not None:
            on_document(report, source)

    def fresh() -> Iterator[Document]:
        for item in read_documents(paths):
            if isinstance(item, DocumentFailure):
                report.problems.append(Problem(item.source, item.error.to_dict()))
                note(item.source)
            elif store.has_document(text_sha256(item.text)) is not None:
                report.duplicates += 1  # checked before extracting, so re-running an ingest is cheap
                note(item.source)
            else:
                yield item if item.published or published is None else replace(item, published=published)

    if workers <= 1:
        for doc in fresh():
            _store(store, doc, _extract(extractor, doc), report)
            note(doc.source)
        return report
    context = multiprocessing.get_context("spawn")  # no forked database connections in the workers
    with context.Pool(workers, initializer=_start_worker) as pool:
        waiting: tuple[list[Document], list[ExtractResult]] | None = None
        for batch in _batches(fresh(), BATCH):
            running = pool.map_async(_extract_in_worker, batch, chunksize=max(1, BATCH // (2 * workers)))
            if waiting is not None:
                _store_batch(store, *waiting, report, note)
            waiting = (batch, running.get())
        if waiting is not None:
            _store_batch(store, *waiting, report, note)
    return report


ExtractResult = list[dict[str, Any]] | Problem


def _extract(extractor: Extractor, doc: Document) -> ExtractResult:
    try:
        extraction = extractor.extract(doc.text, published=doc.published, doc_id=doc.doc_id)
    except Exception as exc:  # one document's failure must never sink the batch
        log.exception("extraction failed for %s", doc.source)
        return Problem(doc.source, {"code": "E900", "message": f"extraction failed: {exc!r}",
                                    "hint": "please report this with the document.", "source": doc.source})
    return [event.to_dict() for event in extraction.events]


def _start_worker() -> None:
    default_extractor()  # load the language data and the gazetteer once per worker


def _extract_in_worker(doc: Document) -> ExtractResult:
    return _extract(default_extractor(), doc)


def _store(store: Store, doc: Document, extracted: ExtractResult, report: IngestReport) -> None:
    if isinstance(extracted, Problem):
        report.problems.append(extracted)
        return
    try:
        stored = store.add_document(doc, extracted)
    except RasdError as exc:
        report.problems.append(Problem(doc.source, exc.to_dict()))
        return
    if stored.status == "duplicate":
        report.duplicates += 1
    else:
        report.new += 1
        report.events += stored.events


def _store_batch(store: Store, docs: list[Document], results: list[ExtractResult], report: IngestReport,
                 note: Callable[[str], None]) -> None:
    for doc, extracted in zip(docs, results, strict=True):
        _store(store, doc, extracted, report)
        note(doc.source)


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
