"""Evaluation gate: checks rasd against the real seed study and the three
annotated sets, all read by path.

    python bench/eval_gate.py [--shared ../shared] [--skip-derived]

Fails (exit 1) when an expected reading of the seed is missing, when a figure
of the reference scorer on eval/dev, eval/train or eval/test drops below its
pinned floor, or when packaged data is not what its script derives from the
sources (the Syrian gazetteer layers, the generated trigger forms, the fitted
models). It prints the cross-validated figures of the learned decisions (folds
by document), so no model is judged on the reports it was fitted on. Raise a
floor whenever a figure rises, so quality can only go up. eval/test is read
for its figures only; the texts are never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

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
# places the seed names, each in the right country (English name as the gazetteer has it)
SEED_PLACES = {
    "Tadmur": "SY", "As Sukhnah": "SY", "Idlib": "SY", "Ma‘arratmişrīn": "SY", "Ḩārim": "SY", "Killi": "SY",
    "Ar Raqqah": "SY", "Deir ez-Zor": "SY", "Mersin": "TR", "Antakya": "TR", "Reyhanlı": "TR", "Gaziantep": "TR",
    "Istanbul": "TR", "Germany": "DE", "Turkey": "TR",
}
SEED_COUNTRIES = {"SY", "TR", "DE"}

# The events of the codebook's worked example (docs/codebook.md, "The seed as a worked example"):
# (what, type, place, and what the event must also carry: counts (value, qualifier), destinations,
# date interval, actor1, certainty). Each is one check.
SEED_EVENTS = [
    ("defections from Tadmur: about 8 new, 16 in all, 6 security men, with their destinations",
     "defection", "Tadmur", {"counts": {(8, "approx"), (16, "exact"), (6, "exact")},
                              "destinations": {"Idlib", "Ma‘arratmişrīn", "Ḩārim", "Killi", "Mersin", "Antakya", "Reyhanlı",
                                               "Gaziantep", "Istanbul", "Germany"}}),
    ("the collective defection from al-Sukhnah", "defection", "As Sukhnah", {"counts": {(16, "approx")}}),
    ("the 2015 takeover of Tadmur", "territory_change", "Tadmur",
     {"date": ("2015-05-21", "2015-05-31"), "actor1": "Islamic State"}),
    ("the 2016 withdrawal from Tadmur", "withdrawal", "Tadmur",
     {"date": ("2016-03-01", "2016-03-31"), "actor1": "Islamic State"}),
    ("the recruitment of at least 80", "recruitment", "Tadmur", {"counts": {(80, "at_least")}}),
    ("the air strikes by the government", "air_strike", "Tadmur", {"actor1": "Syrian government forces"}),
    ("the displacement of residents", "displacement", "Tadmur", {}),
    ("the witness's defection in June 2016", "defection", "Tadmur", {"date": ("2016-06-01", "2016-06-30")}),
    ("the unconfirmed attempts from Raqqa", "defection", "Ar Raqqah", {"certainty": "unconfirmed"}),
    ("the unconfirmed attempts from the Deir ez-Zor countryside", "defection", "Deir ez-Zor", {"certainty": "unconfirmed"}),
]

# Floors for the reference scorer per set (figures at the time of pinning in brackets).
# The attribute accuracies are ratios over the *matched* events: when recall rises, newly matched
# events join the denominator, so such a figure may fall without any reading getting worse. A floor
# is only re-pinned lower for a reason, noted here:
# - dev date_acc 0.77 -> 0.72 when list places stopped being dropped as chains (event F1 0.618 -> 0.652);
#   the three newly matched dated events have gold dates from other sentences.
# - dev event_f1 0.72 -> 0.70, doctype_f1 0.85 -> 0.835, actor1_acc 0.735 -> 0.72 (issue 9): rules
#   tuned on the 48 development reports gave way to ones that carry over (village gazetteer, unknown
#   places, generated trigger forms, named sub-places); train event F1 rose 0.453 -> 0.568 and test
#   0.448 -> 0.559 meanwhile. dev keeps its recall (0.729 -> 0.734); its precision fell with the
#   broader trigger vocabulary.
# - test date_acc 0.865 -> 0.84 and place_p 0.94 -> 0.935 (issue 9, second pass): newly matched events
#   (strikes named by their drones, the quarter and the area referring back to the town) bring gold dates
#   the lead does not give; base_established no longer fires on bases that stand, and one place mention
#   went with it. Test event F1 0.559 -> 0.564, document-type F1 0.726 -> 0.745, counts 0.380 -> 0.431,
#   actor1 0.500 -> 0.555 meanwhile.
# - dev event_f1 0.71 -> 0.705 and test count_acc 0.425 -> 0.41 (issue 9, third pass): a participle naming
#   the displaced (مخيمات النازحين) no longer tells a displacement unless counted: train event F1 0.590 ->
#   0.594 and test 0.577 -> 0.581 with that change, while dev lost an event it had matched by chance
#   (0.712 -> 0.710). On test the same 22 gold counts are right as before; newly matched events bring
#   counts rasd gets wrong into the ratio (51 -> 53 gold counts on matched events). test actor1_acc
#   0.57 -> 0.56: events told with figures but no place now take their paragraph's place, and the newly
#   matched ones' actors are often not named in their sentence (test event F1 0.580 -> 0.582, document
#   types 0.756 -> 0.773, counts 0.415 -> 0.436 with it). train actor1_acc 0.785 -> 0.778 as train recall
#   rose 0.600 -> 0.620 (captured fighters, the villages a وهي sentence names, listed origins).
# - train actor1_acc 0.785 -> 0.764 (issue 9, fourth pass): lists of quarters read to their end (a
#   person's name naming a quarter, a known name and one word more) matched 19 more events, 15 of them in
#   one report whose second sentence (كما فرضت سيطرتها على أحياء ...) names no actor; gold gives them the
#   second of the two sides the first sentence names. The count of right actors rose 358 -> 363.
FLOORS = {
    "dev": {
        "place_p": 0.97,  # (0.975)
        "place_r": 0.975,  # (0.976)
        "event_f1": 0.739,  # (0.744)
        "doctype_f1": 0.872,  # (0.877)
        "certainty_acc": 0.856,  # (0.862)
        "actor1_acc": 0.778,  # (0.783)
        "date_acc": 0.84,  # (0.846)
        "count_acc": 0.784,  # (0.789)
    },
    "train": {
        "place_p": 0.94,  # (0.945)
        "place_r": 0.938,  # (0.943)
        "event_f1": 0.626,  # (0.631)
        "doctype_f1": 0.774,  # (0.779)
        "certainty_acc": 0.807,  # (0.812)
        "actor1_acc": 0.764,  # (0.769)
        "date_acc": 0.846,  # (0.851)
        "count_acc": 0.602,  # (0.607)
    },
    "test": {  # measured only: never read to write rules
        "place_p": 0.943,  # (0.948)
        "place_r": 0.955,  # (0.961)
        "event_f1": 0.581,  # (0.586)
        "doctype_f1": 0.768,  # (0.773)
        "certainty_acc": 0.779,  # (0.784)
        "actor1_acc": 0.58,  # (0.587)
        "date_acc": 0.842,  # (0.847)
        "count_acc": 0.45,  # (0.455)
    },
}
# issue 9's aims, printed beside the figures (not yet floors)
AIMS = {"test": {"event_f1": 0.70, "doctype_f1": 0.85, "date_acc": 0.70, "count_acc": 0.70, "certainty_acc": 0.75},
        "dev": {"event_f1": 0.80}, "train": {"event_f1": 0.80}}

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
    problems += check_seed_events(text, result.events)
    placed = {(p.name, p.country) for p in result.places}
    for name, country in SEED_PLACES.items():
        if (name, country) not in placed:
            problems.append(f"place {name} ({country}) not found in the seed")
    for p in result.places:
        if text[p.start:p.end] != p.text:
            problems.append(f"offsets of place {p.text!r} do not quote the text")
        if p.country not in SEED_COUNTRIES:
            problems.append(f"place outside Syria, Turkey and Germany: {p.text!r} -> {p.name} ({p.country})")
    return problems


def _event_problem(event: Any, kind: str, place: str, wants: dict[str, Any]) -> str | None:
    """Why ``event`` is not the expected one, or None when it is."""
    if event.type != kind or event.location is None or event.location.name != place:
        return "another event"
    counts = {(int(c.quantity.value), c.quantity.qualifier) for c in event.counts}
    if not wants.get("counts", set()) <= counts:
        return f"counts {sorted(counts)}"
    destinations = {d.name for d in event.destinations}
    if not wants.get("destinations", set()) <= destinations:
        return f"destinations lack {sorted(wants['destinations'] - destinations)}"
    if "date" in wants:
        got = (str(event.date.date_start), str(event.date.date_end)) if event.date else None
        if got != wants["date"]:
            return f"date {got}"
    actor1 = next((a.name for a in event.actors if a.role == "actor1"), None)
    if "actor1" in wants and actor1 != wants["actor1"]:
        return f"actor1 {actor1}"
    if "certainty" in wants and event.certainty != wants["certainty"]:
        return f"certainty {event.certainty}"
    return None


def check_seed_events(text: str, events: list[Any]) -> list[str]:
    problems = []
    for what, kind, place, wants in SEED_EVENTS:
        reasons = [_event_problem(e, kind, place, wants) for e in events]
        if None not in reasons:
            near_misses = sorted({r for r in reasons if r != "another event"})
            closest = near_misses or "none of that type and place"
            problems.append(f"seed event missing: {what} ({kind} at {place}); closest: {closest}")
    for e in events:
        spans = [e.sentence, e.trigger, *e.more_evidence, *(m for m in (e.location, e.origin, e.date) if m is not None),
                 *e.destinations, *(c.quantity for c in e.counts)]
        for span in spans:
            if text[span.start:span.end] != span.text:
                problems.append(f"seed event {e.type}: evidence {span.text!r} does not quote the text at {span.start}")
    return problems


def check_set(shared: Path, name: str) -> tuple[list[str], dict[str, float]]:
    """Run rasd on one annotated set and compare the reference scorer's figures with the floors."""
    from rasd.documents import Document, read_documents
    from rasd.pipeline import default_extractor

    extractor = default_extractor()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for doc in read_documents([str(shared / "eval" / name / "raw")]):
            if isinstance(doc, Document):
                line = extractor.extract(doc.text, published=doc.published, doc_id=doc.doc_id).to_dict()
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    scored = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(shared / "eval" / name / "gold"),
         "--pred", out.name, "--json"],
        capture_output=True, text=True, check=True,
    )
    Path(out.name).unlink()
    figures = json.loads(scored.stdout)
    problems = [
        f"{name} {figure} {figures.get(figure) or 0:.3f} is below its floor {floor:.3f}"
        for figure, floor in FLOORS[name].items()
        if (figures.get(figure) or 0) < floor
    ]
    return problems, figures


def check_derived(root: Path, shared: Path) -> list[str]:
    """Packaged data is what its scripts make: the gazetteer layers from the sources, the trigger forms
    from the lemmas, the shipped models from a re-fit. Prints the cross-validated figures."""
    problems = []
    for command in (["scripts/derive_gazetteer.py", "--shared", str(shared), "--check"],
                    ["scripts/generate_trigger_forms.py", "--check"],
                    ["scripts/fit_models.py", "--shared", str(shared), "--check"],
                    ["scripts/fit_models.py", "--shared", str(shared), "--cv"]):
        done = subprocess.run([sys.executable, *command], cwd=root, capture_output=True, text=True)
        if done.returncode != 0:
            problems.append(f"{' '.join(command[:1])} {command[-1]}: {(done.stderr or done.stdout).strip()[-400:]}")
            continue
        if command[-1] == "--cv":
            cv = json.loads(done.stdout[done.stdout.index("{"):])
            for label, by_set in cv.items():
                shown = ", ".join(f"{s} event F1 {v['event_f1']:.3f}" for s, v in by_set.items())
                print(f"eval gate, cross-validated by document ({label}): {shown}")
        else:
            print(f"eval gate, {command[0]}: {done.stdout.strip().splitlines()[-1]}")
    return problems


def check_store(shared: Path) -> list[str]:
    """Issue 5 on the real reports: ingesting the development set twice stores each document once, the audit
    chain verifies, and the ACLED export loads in pandas with ACLED's columns."""
    import pandas as pd

    from rasd.ingest import ingest
    from rasd.pipeline import default_extractor
    from rasd.store import EventFilter, Store
    from rasd.store.exports import acled_conventions, export
    from rasd.store.schema import Document

    raw = shared / "eval" / "dev" / "raw"
    expected = len(list(raw.glob("*.json")))
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "dev.sqlite"), user="eval-gate")
        first = ingest(store, [str(raw)], default_extractor())
        second = ingest(store, [str(raw)], default_extractor())
        if (first.new, second.new, second.duplicates, store.count(Document)) != (expected, 0, expected, expected):
            problems.append(f"ingesting the {expected} dev reports twice gave {first.new} then {second.new} new, "
                            f"{second.duplicates} duplicates, {store.count(Document)} stored")
        store.link_incidents()
        if store.verify():
            problems.append(f"audit verify found problems in a fresh store: {store.verify()[:3]}")
        target = Path(tmp) / "acled.csv"
        report = export(store, "acled", target, EventFilter())
        frame = pd.read_csv(target, encoding="utf-8-sig")
        if list(frame.columns) != acled_conventions().columns or len(frame) != report.rows or not report.rows:
            problems.append(f"the ACLED export of the dev set does not round-trip: {len(frame)} rows, "
                            f"columns {list(frame.columns)[:5]}")
        print(f"eval gate, store: {first.new} dev reports stored once ({second.duplicates} duplicates on re-ingest), "
              f"{first.events} events, {report.rows} ACLED rows ({report.skipped} events without date or place)")
        store.close()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--skip-derived", action="store_true",
                        help="leave out the checks of derived data (they need pip install -e '.[fit]')")
    args = parser.parse_args()
    if not (args.shared / "seed").is_dir():
        print(f"eval gate: {args.shared}/seed not found; the gate needs the shared evaluation data beside the clone")
        return 1
    problems = check_seed(args.shared)
    checks = len(SEED_DATES) + len(SEED_DURATIONS) + len(SEED_QUANTITIES) + 1 + len(SEED_PLACES) + len(SEED_EVENTS)
    print(f"eval gate, seed: {checks - len(problems)} of {checks} checks hold")
    for name in FLOORS:
        set_problems, figures = check_set(args.shared, name)
        shown = ", ".join(f"{figure} {figures.get(figure) or 0:.3f} (floor {floor:.3f}"
                          + (f", aim {AIMS[name][figure]:.2f})" if figure in AIMS.get(name, {}) else ")")
                          for figure, floor in FLOORS[name].items())
        print(f"eval gate, {name} set: {shown}")
        problems += set_problems
    problems += check_store(args.shared)
    if not args.skip_derived:
        problems += check_derived(Path(__file__).resolve().parents[1], args.shared)
    for problem in problems:
        print(f"FAIL {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
