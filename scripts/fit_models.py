"""Fit rasd's learned decisions on the annotated reports, and measure them honestly.

    python scripts/fit_models.py [--shared ../shared]   # fit, cross-validate, write the models that help
    python scripts/fit_models.py --check                 # the shipped models are what this script fits
    python scripts/fit_models.py --cv                    # cross-validated figures of the rules and of each model

Two decisions (``rasd/events/decisions.py``) are fitted on ``eval/dev`` and
``eval/train``, never on ``eval/test``:

- ``bombardment``: air strike or shelling for a bare قصف. Each such trigger is
  labelled by the gold events told in its sentence (one of the two types only).
- ``attachment``: which proposed places a trigger's event happened at. Each
  (trigger, place) pair is labelled by the reference scorer's own place matching:
  a gold event of the trigger's type at that place, told in the trigger's sentence.

Regularisation and thresholds are chosen by cross-validation with folds by
document, scoring whole extractions with ``eval/score.py`` against the rules
alone; a model is shipped only when its cross-validated event F1 (the mean of
dev's and train's) beats the rules' by more than ``MARGIN`` (smaller gains are
within what one more or one fewer matched event moves), and the figures written
into its ``meta`` are the cross-validated ones, so no model is scored on the
reports it was fitted on. Needs
``pip install -e '.[fit]'`` (scikit-learn).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "src" / "rasd" / "data" / "models"
FIT_SETS = ("dev", "train")
FOLDS = 5
C_GRID = (0.1, 0.3, 1.0)
# (threshold, keep threshold): for the attachment, a place the rules proposed is kept at or above the
# second, another place is added at or above the first; (1.01, 0.0) is the rules alone
THRESHOLDS: dict[str, tuple[tuple[float, float | None], ...]] = {
    "bombardment": ((0.5, None),),
    "attachment": tuple((add, keep) for add in (0.6, 0.75, 0.9, 1.01) for keep in (0.0, 0.1, 0.2, 0.3)
                        if (add, keep) != (1.01, 0.0)),
}
MARGIN = 0.01
FIGURES = ("event_f1", "event_p", "event_r", "doctype_f1", "date_acc", "count_acc", "certainty_acc", "actor1_acc")
Row = tuple[int, dict[str, float], int]  # (report index, features, label)


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

    def evidence_spans(self, kinds: Sequence[str] | None = None) -> list[tuple[int, int, dict[str, Any]]]:
        spans = []
        for event in self.gold.get("events", []):
            if kinds is None or event["type"] in kinds:
                start = self.text.find(event.get("evidence") or "\0")
                if start >= 0:
                    spans.append((start, start + len(event["evidence"]), event))
        return spans


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("rasd_reference_score", shared / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no reference scorer at {shared / 'eval' / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_reports(shared: Path, sets: Sequence[str]) -> list[Report]:
    """The annotated reports, read as ``rasd extract`` reads them, each with its gold."""
    from rasd.documents import Document, read_documents

    reports = []
    for name in sets:
        for doc in read_documents([str(shared / "eval" / name / "raw")]):
            if not isinstance(doc, Document):
                raise SystemExit(f"cannot read {doc.source}: {doc.error.message}")
            gold = json.loads((shared / "eval" / name / "gold" / Path(doc.source).name).read_text(encoding="utf-8"))
            reports.append(Report(doc.doc_id, name, doc.text, doc.published, gold))
    return reports


def training_rows(extractor: Any, reports: Sequence[Report], place_distance: Callable[..., Any]) -> dict[str, list[Row]]:
    """Every decision the rules-only event stage weighs, labelled from the gold."""
    from rasd.events.decisions import Trace

    rows: dict[str, list[Row]] = {"bombardment": [], "attachment": []}
    for k, report in enumerate(reports):
        trace = Trace()
        extractor.extract(report.text, published=report.published, doc_id=report.id, trace=trace)
        means = [e for e in report.gold.get("events", []) if e["type"] in ("air_strike", "shelling")]
        for choice in trace.choices:
            # what the gold says happened at the places of the trigger's sentence
            places = [p.to_dict() for p in choice.places]
            told = [e["type"] for e in means if any(place_distance(e.get("place"), p) is not None for p in places)]
            if len(set(told)) == 1:
                # one row per event it decides: a bombardment of twelve villages weighs twelve times one
                rows["bombardment"].extend([(k, choice.features, int(told[0] == "air_strike"))] * len(told))
        spans = report.evidence_spans()
        for c in trace.candidates:
            place = c.place.to_dict()
            label = any(event["type"] == c.kind and s < c.sentence_end and c.sentence_start < e
                        and place_distance(event.get("place"), place) is not None for s, e, event in spans)
            rows["attachment"].append((k, c.features, int(label)))
    return rows


def fit(rows: Sequence[Row], c_value: float, threshold: tuple[float, float | None], meta: dict[str, Any]) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from rasd.events.decisions import LogisticModel

    vectoriser = DictVectorizer(sort=True)
    x = vectoriser.fit_transform([features for _, features, _ in rows])
    y = [label for _, _, label in rows]
    model = LogisticRegression(C=c_value, solver="lbfgs", max_iter=10000, tol=1e-10)
    model.fit(x, y)
    weights = {name: round(float(w), 6) for name, w in zip(vectoriser.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) >= 1e-6}
    return LogisticModel(weights, round(float(model.intercept_[0]), 6), threshold[0], meta, threshold[1])


def figures(scorer: ModuleType, shared: Path, reports: Sequence[Report],
            preds: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    out = {}
    for name in sorted({r.set for r in reports}):
        ids = [r.id for r in reports if r.set == name]
        result = scorer.score(str(shared / "eval" / name / "gold"), preds, ids)
        out[name] = {k: round(result[k], 4) for k in FIGURES if result.get(k) is not None}
    return out


def mean_f1(by_set: dict[str, dict[str, float]]) -> float:
    return sum(v["event_f1"] for v in by_set.values()) / len(by_set)


class Fitter:
    def __init__(self, shared: Path) -> None:
        from rasd.lang.arabic import arabic
        from rasd.places.index import load_index

        self.shared = shared
        self.language = arabic()
        self.gazetteer = load_index(self.language.normaliser.normalise_term, self.language.places.joinable,
                                    settlement_cues=self.language.places.settlement_cues)
        self.scorer = load_scorer(shared)
        self.reports = load_reports(shared, FIT_SETS)
        self.rows = training_rows(self.extractor(self.no_models()), self.reports, self.scorer.place_distance)

    @staticmethod
    def no_models() -> Any:
        from rasd.events.decisions import Models

        return Models()

    def extractor(self, models: Any) -> Any:
        from rasd.pipeline import Extractor

        return Extractor(self.language, self.gazetteer, models)

    def cross_validate(self, settings: dict[str, tuple[float, tuple[float, float | None]]]) -> dict[str, dict[str, float]]:
        """Figures of extractions whose models never saw the report (folds by document).
        ``settings``: decision name -> (C, threshold); decisions not named are left to the rules."""
        preds: dict[str, dict[str, Any]] = {}
        for fold in range(FOLDS):
            models = self.no_models()
            for name, (c_value, threshold) in settings.items():
                rows = [row for row in self.rows[name] if self.reports[row[0]].fold != fold]
                models = replace(models, **{name: fit(rows, c_value, threshold, {})})
            extractor = self.extractor(models)
            for report in self.reports:
                if report.fold == fold:
                    result = extractor.extract(report.text, published=report.published, doc_id=report.id)
                    preds[report.id] = json.loads(json.dumps(result.to_dict()))
        return figures(self.scorer, self.shared, self.reports, preds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--check", action="store_true", help="fail when a shipped model differs from a re-fit")
    parser.add_argument("--cv", action="store_true",
                        help="print the cross-validated figures of the rules and of each decision's best model")
    args = parser.parse_args(argv)

    from rasd.events.decisions import LogisticModel

    fitter = Fitter(args.shared)
    for name, rows in fitter.rows.items():
        print(f"{name}: {len(rows)} labelled decisions ({sum(label for _, _, label in rows)} positive)")
    models = {name: LogisticModel.from_json(path.read_text(encoding="utf-8"), path.name)
              for name in THRESHOLDS if (path := MODEL_DIR / f"{name}.json").exists()}

    if args.check:
        stale = []
        for name, model in models.items():
            refit = fit(fitter.rows[name], float(model.meta["C"]), (model.threshold, model.keep_threshold), dict(model.meta))
            names = set(refit.weights) | set(model.weights)
            if any(abs(refit.weights.get(n, 0.0) - model.weights.get(n, 0.0)) > 1e-4 for n in names) \
                    or abs(refit.bias - model.bias) > 1e-4:
                stale.append(name)
        if stale:
            print(f"shipped models differ from what this script fits: {stale}; run python scripts/fit_models.py", file=sys.stderr)
            return 1
        print(f"the shipped models are what this script fits: {sorted(models)}" if models else
              "no model is shipped: cross-validated, none beat the rules by the margin when last fitted")
        return 0
    if args.cv:
        # the figures of every decision's best settings when last fitted, shipped or not
        fitting = json.loads((MODEL_DIR / "fitting.json").read_text(encoding="utf-8"))
        out = {"rules alone": fitter.cross_validate({})}
        for name, best in fitting["decisions"].items():
            label = f"{name} model ({'shipped' if best['shipped'] else 'not shipped'})"
            out[label] = fitter.cross_validate({name: (best["C"], (best["threshold"], best["keep_threshold"]))})
        print(json.dumps(out, indent=1))
        return 0

    rules = fitter.cross_validate({})
    print("rules alone: " + "  ".join(f"{s} F1 {v['event_f1']:.3f}" for s, v in rules.items()))
    chosen: dict[str, tuple[float, tuple[float, float | None]]] = {}
    best_figures = rules
    report: dict[str, Any] = {"margin": MARGIN, "folds": FOLDS, "fitted_on": list(FIT_SETS), "rules": rules, "decisions": {}}
    for name in THRESHOLDS:  # bombardment first: the attachment is fitted on top of it
        best: tuple[float, tuple[float, tuple[float, float | None]], dict[str, dict[str, float]]] | None = None
        for c_value in C_GRID:
            for threshold in THRESHOLDS[name]:
                by_set = fitter.cross_validate({**chosen, name: (c_value, threshold)})
                score = mean_f1(by_set)
                print(f"  {name} C={c_value} threshold={threshold}: " + "  ".join(
                    f"{s} F1 {v['event_f1']:.3f}" for s, v in by_set.items()))
                if best is None or score > best[0] + 1e-9:
                    best = (score, (c_value, threshold), by_set)
        assert best is not None
        shipped = best[0] > mean_f1(best_figures) + MARGIN
        report["decisions"][name] = {"C": best[1][0], "threshold": best[1][1][0], "keep_threshold": best[1][1][1],
                                     "cross_validated": best[2], "shipped": shipped}
        if shipped:
            chosen[name] = best[1]
            best_figures = best[2]
            print(f"{name}: kept (C={best[1][0]}, threshold={best[1][1]})")
        else:
            print(f"{name}: cross-validated, the model does not beat the rules by {MARGIN}; none shipped")
            (MODEL_DIR / f"{name}.json").unlink(missing_ok=True)
    import sklearn

    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    for name, (c_value, threshold) in chosen.items():
        meta = {"C": c_value, "fitted_on": list(FIT_SETS), "reports": len(fitter.reports), "decisions": len(fitter.rows[name]),
                "folds": FOLDS, "scikit_learn": sklearn.__version__,
                "cross_validated": best_figures, "rules_cross_validated": rules}
        model = fit(fitter.rows[name], c_value, threshold, meta)
        (MODEL_DIR / f"{name}.json").write_text(model.to_json(), encoding="utf-8")
        print(f"wrote {name}.json ({len(model.weights)} weights)")
    (MODEL_DIR / "fitting.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"rules": rules, "with models": best_figures}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
