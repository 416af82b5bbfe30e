"""Evaluation gate: checks rasd against the real seed study, read by path.

    python bench/eval_gate.py [--shared ../shared]

Fails (exit 1) when an expected reading of the seed is missing. The seed's
text is never copied into the project; only the expected readings live here.
Issue 4 adds event-level floors on the development set to this gate.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

REFERENCE = date(2017, 1, 15)

# (quoted words, date_start, date_end, precision)
SEED_DATES = [
    ("أواخر شهر أيار من عام 2015", "2015-05-21", "2015-05-31", "month"),
    ("شهر حزيران من عام 2016", "2016-06-01", "2016-06-30", "month"),
    ("شهر آذار من العام الفائت", "2016-03-01", "2016-03-31", "month"),
]
# (quoted words, value, unit, qualifier)
SEED_DURATIONS = [("حوالي ستة أشهر", 6, "month", "approx")]
# (quoted words, value, qualifier, kind)
SEED_QUANTITIES = [
    ("نحو “8”", 8, "approx", "count"),
    ("لثمانية", 8, "exact", "count"),
    ("بستة\u00a0عشرة", 16, "exact", "count"),
    ("“6”", 6, "exact", "count"),
    ("ما لا يقل عن “80”", 80, "at_least", "count"),
    ("(4)", 4, "exact", "count"),
    ("خمسة", 5, "exact", "count"),
    ("ثمانية", 8, "exact", "count"),
    ("نحو “16”", 16, "approx", "count"),
    ("أكثر من (80 %)", 80, "more_than", "percentage"),
    ("16″ عاماً", 16, "exact", "age"),
]
_NUMERIC_DATE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")


def check_seed(shared: Path) -> list[str]:
    from rasd.pipeline import default_extractor

    text = (shared / "seed" / "palmyra-monitor-defections-ar.txt").read_text(encoding="utf-8")
    result = default_extractor().extract(text, published=REFERENCE, doc_id="seed")
    problems = []
    for mention in [*result.dates, *result.quantities]:
        if text[mention.start:mention.end] != mention.text:
            problems.append(f"offsets of {mention.text!r} do not quote the text")
    dates = {d.text: d for d in result.dates}
    for quote, start, end, precision in SEED_DATES:
        d = dates.get(quote)
        got = d and (str(d.date_start), str(d.date_end), d.precision)
        if got != (start, end, precision):
            problems.append(f"date {quote!r}: expected {start}..{end} ({precision}), got {got}")
    for quote, value, unit, qualifier in SEED_DURATIONS:
        d = dates.get(quote)
        got = d and d.duration and (d.duration.value, d.duration.unit, d.duration.qualifier)
        if got != (value, unit, qualifier):
            problems.append(f"duration {quote!r}: expected {value} {unit} ({qualifier}), got {got}")
    quantities = {q.text: q for q in result.quantities}
    for quote, value, qualifier, kind in SEED_QUANTITIES:
        q = quantities.get(quote)
        got = q and (q.value, q.qualifier, q.kind)
        if got != (value, qualifier, kind):
            problems.append(f"quantity {quote!r}: expected {value} {qualifier} {kind}, got {got}")
    for d in result.dates:
        if d.kind != "duration" and not re.search(r"[^\W\d_]", d.text) and not _NUMERIC_DATE.search(d.text):
            problems.append(f"a bare number was taken as a date: {d.text!r}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    args = parser.parse_args()
    if not (args.shared / "seed").is_dir():
        print(f"eval gate: {args.shared}/seed not found; the gate needs the shared evaluation data beside the clone")
        return 1
    problems = check_seed(args.shared)
    for problem in problems:
        print(f"FAIL {problem}")
    checks = len(SEED_DATES) + len(SEED_DURATIONS) + len(SEED_QUANTITIES) + 1
    print(f"eval gate (seed, text layer): {checks - len(problems)} of {checks} checks hold")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
