"""Ingest throughput into the store and the time of an incident-linking pass.

    python bench/ingest.py [--docs 10000] [--workers 1] [--db sqlite-file-or-URL]

The development reports (read from ../shared by path) are repeated with
variations until there are ``--docs`` documents: each copy gets its own
closing line (so its hash differs), one of 25 outlets and a publication date
spread over a year, so that linking has real work (the same happening
reported by many outlets). Ingest runs on one core, document by document, as
`rasd ingest` does; throughput is reported for the whole run and as the
median and spread over blocks of 500 documents.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from text_layer import SHARED

BLOCK = 500


def make_documents(folder: Path, count: int) -> float:
    """Write ``count`` documents as JSON Lines files; returns their size in MB."""
    originals = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((SHARED / "eval" / "dev" / "raw").glob("*.json"))]
    size = 0
    lines: list[str] = []
    for n in range(count):
        base = originals[n % len(originals)]
        text = f"{base['text']}\n(نسخة رقم {n})"
        published = date(2017, 1, 1) + timedelta(days=(n * 7) % 365)
        lines.append(json.dumps({"id": f"bench-{n}", "text": text, "published": published.isoformat(),
                                 "outlet": f"outlet-{n % 25}"}, ensure_ascii=False))
        size += len(text.encode("utf-8"))
    for part in range(0, count, 1000):
        (folder / f"part_{part // 1000:03d}.jsonl").write_text("\n".join(lines[part:part + 1000]) + "\n", encoding="utf-8")
    return size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1, help="extraction processes (storing stays in one)")
    parser.add_argument("--db", default=None, help="a SQLite file or SQLAlchemy URL (default: a new temporary SQLite file)")
    args = parser.parse_args()

    from rasd.ingest import IngestReport, ingest
    from rasd.pipeline import default_extractor
    from rasd.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        mb = make_documents(folder, args.docs)
        store = Store(args.db or str(Path(tmp) / "bench.sqlite"), user="bench")
        extractor = default_extractor()
        extractor.extract("تحميل")  # load resources and the gazetteer outside the timing
        marks: list[float] = []

        def tick(report: IngestReport, source: str) -> None:
            if report.seen % BLOCK == 0:
                marks.append(time.perf_counter())

        start = time.perf_counter()
        report = ingest(store, [str(folder)], extractor, on_document=tick, workers=args.workers)
        elapsed = time.perf_counter() - start
        blocks = [BLOCK / (b - a) for a, b in zip([start, *marks], marks, strict=False)]
        blocks = blocks or [report.seen / elapsed]
        print(f"ingest with {args.workers} extraction process(es): {report.new} documents ({mb:.1f} MB), "
              f"{report.events} events, {len(report.problems)} problems "
              f"in {elapsed:.1f} s -> {report.new / elapsed:.0f} docs/s, {mb / elapsed:.2f} MB/s; "
              f"per block of {BLOCK}: median {statistics.median(blocks):.0f} docs/s "
              f"(min {min(blocks):.0f}, max {max(blocks):.0f})")

        start = time.perf_counter()
        again = ingest(store, [str(folder)], extractor)
        print(f"re-ingest of the same files: {again.duplicates} duplicates in {time.perf_counter() - start:.1f} s")

        start = time.perf_counter()
        linked = store.link_incidents()
        print(f"incident linking: {linked.compared} pairs compared, {linked.new_incidents} incidents, "
              f"{linked.new_links} events linked in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        store.link_incidents()
        print(f"a second linking pass (nothing new): {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        problems = store.verify()
        print(f"audit verify: {len(problems)} problems in {time.perf_counter() - start:.1f} s")
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
