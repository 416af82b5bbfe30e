"""Benchmark the gazetteer: index build, load, memory, and tagging speed
next to a plain per-word dictionary lookup on the same text.

    python bench/places.py [--mb 2] [--repeats 5]

The corpus is the seed study and the development reports, read from
../shared by path and repeated to the requested size. The index is built in a
temporary cache so the figures are those of a first run.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
import tracemalloc

from text_layer import build, corpus_texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    os.environ["RASD_CACHE_DIR"] = tempfile.mkdtemp(prefix="rasd-bench-cache-")
    os.environ["RASD_DATA_DIR"] = tempfile.mkdtemp(prefix="rasd-bench-data-")

    from rasd.lang.arabic import arabic
    from rasd.pipeline import Extractor
    from rasd.places.index import load_index

    language = arabic()
    term = language.normaliser.normalise_term
    start = time.perf_counter()
    load_index(term, language.places.joinable, rebuild=True, settlement_cues=language.places.settlement_cues)
    build_s = time.perf_counter() - start

    loads = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        index = load_index(term, language.places.joinable, settlement_cues=language.places.settlement_cues)
        loads.append(time.perf_counter() - start)
    tracemalloc.start()  # memory measured on its own load: tracing slows loading down
    load_index(term, language.places.joinable, settlement_cues=language.places.settlement_cues)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"index: {len(index)} places; build {build_s:.2f} s (first run); "
          f"load median {statistics.median(loads):.3f} s; memory while loading {peak / 1e6:.0f} MB")

    docs = build(corpus_texts(), int(args.mb * 1e6))
    mb = sum(len(t.encode("utf-8")) for t in docs) / 1e6
    extractor = Extractor(language, index)
    analysed = [language.analyse(t) for t in docs]

    times = []
    found = 0
    for _ in range(args.repeats):
        start = time.perf_counter()
        found = 0
        for doc in analysed:
            found += len(extractor.place_resolver.resolve(doc, extractor.place_names.find(doc)))
        times.append(time.perf_counter() - start)
    rate = mb / statistics.median(times)
    print(f"rasd places (find, cues, disambiguate): {mb:.2f} MB, median {statistics.median(times):.2f} s "
          f"-> {rate:.2f} MB/s, {found} mentions")

    # the naive baseline: every word looked up alone, no clitics, no context
    names: dict[str, tuple[int, ...]] = {}
    for name, ids, _ in index.automaton.values():
        if " " not in name:
            names[name] = ids
    word = re.compile(r"[^\W\d_]+")
    times = []
    hits = 0
    for _ in range(args.repeats):
        start = time.perf_counter()
        hits = 0
        for doc in analysed:
            for m in word.finditer(doc.text):
                if m.group() in names:
                    hits += 1
        times.append(time.perf_counter() - start)
    plain = mb / statistics.median(times)
    print(f"plain per-word dict lookup (same normalised text): median {statistics.median(times):.2f} s "
          f"-> {plain:.2f} MB/s, {hits} hits")
    print(f"ratio rasd / plain lookup speed: {rate / plain:.2f}")


if __name__ == "__main__":
    main()
