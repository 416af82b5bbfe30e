"""End-to-end throughput of `rasd.extract` (text layer, places, actors, events) on one core.

    python bench/extract.py [--repeats 5] [--mb 2]

Reports documents and MB per second (wall clock) and MB per CPU-second on the
development and train reports and on the seed study (read from ../shared by
path), each repeated to the requested size, with the peak memory of the
process. On a noisy machine compare two versions by CPU time, in turns:

    git worktree add /tmp/old COMMIT
    for i in 1 2 3; do PYTHONPATH=/tmp/old/src python bench/extract.py --repeats 1; python bench/extract.py --repeats 1; done

When the machine is too noisy even for that, ``--calls`` counts the Python function calls extraction
makes on each corpus (once, under cProfile): a measure of work that does not move with the machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from datetime import date

from text_layer import SHARED, build


def run(name: str, docs: list[str], repeats: int) -> None:
    from rasd.pipeline import default_extractor

    extractor = default_extractor()
    mb = sum(len(t.encode("utf-8")) for t in docs) / 1e6
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        for text in docs:
            extractor.extract(text, published=date(2017, 1, 15))
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    median, median_cpu = statistics.median(times), statistics.median(cpu)
    print(f"{name}: {len(docs)} docs, {mb:.2f} MB; median {median:.2f} s -> {len(docs) / median:.0f} docs/s, "
          f"{mb / median:.2f} MB/s (min {mb / max(times):.2f}, max {mb / min(times):.2f}); "
          f"{mb / median_cpu:.2f} MB per CPU-second")


def count_calls(name: str, docs: list[str]) -> None:
    """Python function calls made extracting ``docs`` once: the same on any machine for the same code."""
    import cProfile
    import pstats

    from rasd.pipeline import default_extractor

    extractor = default_extractor()
    profile = cProfile.Profile()
    profile.enable()
    for text in docs:
        extractor.extract(text, published=date(2017, 1, 15))
    profile.disable()
    print(f"{name}: {len(docs)} docs; {pstats.Stats(profile).total_calls:,} function calls")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--calls", action="store_true", help="count function calls on each corpus once (no timing)")
    args = parser.parse_args()
    dev = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((SHARED / "eval" / "dev" / "raw").glob("*.json"))]
    seed = [(SHARED / "seed" / "palmyra-monitor-defections-ar.txt").read_text(encoding="utf-8")]
    from rasd.pipeline import default_extractor

    default_extractor().extract("تحميل")  # load resources and the gazetteer outside the timing
    train = [json.loads(p.read_text(encoding="utf-8"))["text"]
             for p in sorted((SHARED / "eval" / "train" / "raw").glob("*.json"))]
    if args.calls:
        for name, texts in (("development reports", dev), ("train reports", train), ("seed study", seed)):
            count_calls(name, texts)
        return
    run("development reports", build(dev, int(args.mb * 1e6)), args.repeats)
    run("train reports", build(train, int(args.mb * 1e6)), args.repeats)
    run("seed study", build(seed, int(args.mb * 1e6)), args.repeats)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
