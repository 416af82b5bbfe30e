"""Benchmark the text layer (normalise, tokens, sentences, dates, quantities)
against dateparser's date search on the same Arabic text.

    pip install -e '.[bench]'
    python bench/text_layer.py [--mb 3] [--repeats 5]

The corpus is the seed study and the development reports (read from
../shared by path; nothing is copied), repeated to the requested size.
dateparser is much slower, so it runs on a slice and its speed is reported in
MB/s like rasd's; the ratio compares the two medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def corpus_texts() -> list[str]:
    texts = []
    seed = SHARED / "seed" / "palmyra-monitor-defections-ar.txt"
    if seed.exists():
        texts.append(seed.read_text(encoding="utf-8"))
    for path in sorted((SHARED / "eval" / "dev" / "raw").glob("*.json")):
        texts.append(json.loads(path.read_text(encoding="utf-8"))["text"])
    if not texts:
        sys.exit(f"no corpus found under {SHARED}; run from a checkout with ../shared beside it")
    return texts


def build(texts: list[str], size: int) -> list[str]:
    docs: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            docs.append(text)
            total += len(text.encode("utf-8"))
            if total >= size:
                break
    return docs


def time_rasd(docs: list[str], repeats: int) -> list[float]:
    """The text layer alone: normalise, tokens, sentences, dates and quantities (no places)."""
    from rasd.pipeline import default_extractor

    extractor = default_extractor()
    language = extractor.language
    reference = date(2017, 1, 15)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for text in docs:
            doc = language.analyse(text)
            _, claims = extractor.dates.find(doc, reference)
            extractor.quantities.find(doc, claims)
        times.append(time.perf_counter() - start)
    return times


def time_dateparser(docs: list[str], repeats: int) -> list[float]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime(2017, 1, 15)}
    search_dates("في عام 2015", languages=["ar"], settings=settings)  # warm up its language data
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for text in docs:
            search_dates(text, languages=["ar"], settings=settings)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=3.0, help="size of the rasd corpus in MB (UTF-8)")
    parser.add_argument("--dateparser-kb", type=float, default=100.0, help="size of dateparser's slice in KB")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    texts = corpus_texts()
    docs = build(texts, int(args.mb * 1e6))
    slice_docs = build(texts, int(args.dateparser_kb * 1e3))
    mb = sum(len(t.encode("utf-8")) for t in docs) / 1e6
    slice_mb = sum(len(t.encode("utf-8")) for t in slice_docs) / 1e6

    rasd_times = time_rasd(docs, args.repeats)
    rasd_rate = mb / statistics.median(rasd_times)
    print(f"rasd text layer (dates + quantities + sentences): {mb:.2f} MB, {len(docs)} docs, "
          f"median {statistics.median(rasd_times):.2f} s -> {rasd_rate:.2f} MB/s "
          f"(min {mb / max(rasd_times):.2f}, max {mb / min(rasd_times):.2f})")
    try:
        dp_times = time_dateparser(slice_docs, max(1, args.repeats // 2))
    except ImportError:
        print("dateparser not installed: pip install -e '.[bench]'")
        return
    dp_rate = slice_mb / statistics.median(dp_times)
    print(f"dateparser.search_dates(languages=['ar']): {slice_mb:.3f} MB, {len(slice_docs)} docs, "
          f"median {statistics.median(dp_times):.2f} s -> {dp_rate:.3f} MB/s")
    print(f"ratio (rasd full pass / dateparser date search): {rasd_rate / dp_rate:.1f}x")


if __name__ == "__main__":
    main()
