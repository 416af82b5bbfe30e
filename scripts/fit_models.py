"""Fit rasd's learned decisions on the annotated reports, and measure them honestly.

    python scripts/fit_models.py [--shared ../shared]          # fit, cross-validate, write the model
    python scripts/fit_models.py --check                        # the shipped model is what this script fits
    python scripts/fit_models.py --cv-only                      # print the cross-validated figures only

The attachment model (``rasd/data/models/attachment.json``) decides which of
the places the rules propose a trigger's event happened at. It is fitted on
``eval/dev`` and ``eval/train`` (never ``eval/test``): every candidate pair the
event stage weighs is labelled by the reference scorer's own place matching
(an event of the trigger's type at that place in the gold). The regularisation
and the decision threshold are chosen by cross-validation with folds by
document, scoring whole extractions with ``eval/score.py``; the figures written
into the model's ``meta`` are those cross-validated ones, so the model is never
scored on documents it was fitted on. Needs ``pip install -e '.[fit]'``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = ROOT / "src" / "rasd" / "data" / "models" / "attachment.json"
FIT_SETS = ("dev", "train")
FOLDS = 5
C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
FIGURES = ("event_f1", "event_p", "event_r", "doctype_f1", "date_acc", "count_acc", "certainty_acc", "actor1_acc")


@dataclass(frozen=True)
class Report:
    id: str
    set: str
    text: str
    published: date | None
    gold: dict[str, Any]

    @property
    def fold(self) -> int:
        return int(hashlib.sha256(self.id.encode()).hexdigest(), 16) % FOLDS


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("rasd_reference_score", shared / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no reference scorer at {shared / 'eval' / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_reports(shared: Path, sets: Sequence[str]) -> list[Report]:
    reports = []
    for name in sets:
        for raw_path in sorted((shared / "eval" / name / "raw").glob("*.json")):
            raw = json.loads(raw_path.read_text(encoding="utf-8"))
            gold = json.loads((shared / "eval" / name / "gold" / raw_path.name).read_text(encoding="utf-8"))
            published = date.fromisoformat(raw["published"]) if raw.get("published") else None
            reports.append(Report(str(raw.get("id") or raw_path.stem), name, raw["text"], published, gold))
    return reports


def candidate_rows(extractor: Any, reports: Sequence[Report], place_distance: Callable[..., Any]) -> list[tuple[int, dict[str, float], int]]:
    """(report index, features, label) for every candidate the event stage weighs."""
    rows = []
    for k, report in enumerate(reports):
        candidates: list[Any] = []
        extractor.extract(report.text, published=report.published, doc_id=report.id, candidates=candidates)
        gold = report.gold.get("events", [])
        for c in candidates:
            place = c.place.to_dict()
            label = any(g["type"] == c.kind and place_distance(g.get("place"), place) is not None for g in gold)
            rows.append((k, c.features, int(label)))
    return rows


def fit(rows: Sequence[tuple[int, dict[str, float], int]], c_value: float, threshold: float, meta: dict[str, Any]) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from rasd.events.attach import AttachmentModel

    vectoriser = DictVectorizer(sort=True)
    x = vectoriser.fit_transform([features for _, features, _ in rows])
    y = [label for _, _, label in rows]
    model = LogisticRegression(C=c_value, solver="lbfgs", max_iter=5000, tol=1e-8)
    model.fit(x, y)
    weights = {name: round(float(w), 6) for name, w in zip(vectoriser.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) >= 1e-6}
    return AttachmentModel(weights, round(float(model.intercept_[0]), 6), threshold, meta)


def predictions(extractor: Any, reports: Sequence[Report]) -> dict[str, dict[str, Any]]:
    out = {}
    for report in reports:
        result = extractor.extract(report.text, published=report.published, doc_id=report.id)
        out[report.id] = json.loads(json.dumps(result.to_dict()))
    return out


def figures(scorer: ModuleType, shared: Path, reports: Sequence[Report], preds: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    """The reference scorer's figures per set (and for the fitted sets together)."""
    out = {}
    for name in sorted({r.set for r in reports}):
        ids = [r.id for r in reports if r.set == name]
        result = scorer.score(str(shared / "eval" / name / "gold"), preds, ids)
        out[name] = {k: result[k] for k in FIGURES if result.get(k) is not None}
    return out


def cross_validate(shared: Path, reports: Sequence[Report], rows: Sequence[tuple[int, dict[str, float], int]],
                   c_value: float, thresholds: Sequence[float], make_extractor: Callable[[Any], Any],
                   scorer: ModuleType) -> dict[float, dict[str, dict[str, float]]]:
    """Figures of extractions whose model never saw the report, per threshold (folds by document)."""
    preds: dict[float, dict[str, dict[str, Any]]] = {t: {} for t in thresholds}
    for fold in range(FOLDS):
        held = [r for r in reports if r.fold == fold]
        training = [row for row in rows if reports[row[0]].fold != fold]
        model = fit(training, c_value, thresholds[0], {})
        for t in thresholds:
            extractor = make_extractor(type(model)(model.weights, model.bias, t, {}))
            preds[t].update(predictions(extractor, held))
    return {t: figures(scorer, shared, reports, preds[t]) for t in thresholds}


def pooled_f1(by_set: dict[str, dict[str, float]]) -> float:
    return sum(v["event_f1"] for v in by_set.values()) / len(by_set)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--check", action="store_true", help="fail when the shipped model differs from a re-fit")
    parser.add_argument("--cv-only", action="store_true", help="print cross-validated figures of the shipped settings")
    args = parser.parse_args(argv)

    from rasd.lang.arabic import arabic
    from rasd.pipeline import Extractor
    from rasd.places.index import load_index

    language = arabic()
    gazetteer = load_index(language.normaliser.normalise_term, language.places.joinable)

    def make_extractor(model: Any) -> Any:
        return Extractor(language, gazetteer, attachment=model)

    scorer = load_scorer(args.shared)
    reports = load_reports(args.shared, FIT_SETS)
    rows = candidate_rows(make_extractor(None), reports, scorer.place_distance)
    positives = sum(label for _, _, label in rows)
    print(f"{len(reports)} reports, {len(rows)} candidates ({positives} positive)")

    if args.check or args.cv_only:
        from rasd.events.attach import AttachmentModel

        shipped = AttachmentModel.from_json(MODEL_PATH.read_text(encoding="utf-8"))
        c_value, threshold = float(shipped.meta["C"]), shipped.threshold
        if args.cv_only:
            cv = cross_validate(args.shared, reports, rows, c_value, [threshold], make_extractor, scorer)[threshold]
            print(json.dumps(cv, indent=1))
            return 0
        refit = fit(rows, c_value, threshold, dict(shipped.meta))
        differs = [n for n in set(refit.weights) | set(shipped.weights)
                   if abs(refit.weights.get(n, 0.0) - shipped.weights.get(n, 0.0)) > 1e-4]
        if differs or abs(refit.bias - shipped.bias) > 1e-4:
            print(f"the shipped model is not what this script fits ({len(differs)} weights differ, e.g. {sorted(differs)[:5]});"
                  " run python scripts/fit_models.py", file=sys.stderr)
            return 1
        print(f"the shipped model is what this script fits ({len(shipped.weights)} weights)")
        return 0

    best: tuple[float, float, float, dict[str, dict[str, float]]] | None = None
    for c_value in C_GRID:
        cv = cross_validate(args.shared, reports, rows, c_value, THRESHOLDS, make_extractor, scorer)
        for t, by_set in cv.items():
            score = pooled_f1(by_set)
            print(f"C={c_value:<5} threshold={t:<5} " + "  ".join(f"{s} F1 {v['event_f1']:.3f}" for s, v in by_set.items()))
            if best is None or score > best[0] + 1e-9:
                best = (score, c_value, t, by_set)
    assert best is not None
    _, c_value, threshold, by_set = best
    import sklearn

    meta = {"C": c_value, "fitted_on": list(FIT_SETS), "reports": len(reports), "candidates": len(rows),
            "positives": positives, "folds": FOLDS, "scikit_learn": sklearn.__version__,
            "cross_validated": {s: {k: round(v, 4) for k, v in figs.items()} for s, figs in by_set.items()}}
    model = fit(rows, c_value, threshold, meta)
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {MODEL_PATH}: C={c_value}, threshold={threshold}, {len(model.weights)} weights; cross-validated:")
    print(json.dumps(meta["cross_validated"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
