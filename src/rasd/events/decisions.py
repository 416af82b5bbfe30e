"""Decisions where rules disagree: rules propose, models fitted on annotated reports decide.

- *bombardment*: whether a bare قصف (no means in its words) was an air strike or
  shelling. The codebook says "shelling unless aircraft are named or implied in
  the same account"; how far "the account" reaches (the sentence, the
  paragraph, the report) is what the model learns, from the means words at each
  distance.
- *attachment*: which of the places the rules propose a trigger's event happened
  at (token and clause distance, what stands between, the preposition before
  the place, its kind, list membership, what the rules chose).

Each decision is described by named features that carry over between reports;
a logistic model (``scripts/fit_models.py``) turns them into a probability. The
parameters ship as JSON under ``data/models/``: plain numbers, nothing that
executes. A decision whose model is absent falls back to the rules.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from rasd.errors import DataFileError
from rasd.records import PlaceMention

MODELS = ("data", "models")
FORMAT = "rasd-logistic-1"


def bucket(value: int, edges: tuple[int, ...]) -> str:
    """``value`` as the label of its bucket: edges (0, 2, 5) give "0", "1-2", "3-5", "6+"."""
    previous = None
    for edge in edges:
        if value <= edge:
            return str(edge) if previous is None or previous + 1 == edge else f"{previous + 1}-{edge}"
        previous = edge
    return f"{edges[-1] + 1}+"


@dataclass(slots=True)
class Candidate:
    """A trigger and one place it may have happened at, with the features the model reads."""

    trigger_start: int
    trigger_end: int
    kind: str
    place: PlaceMention
    sentence_start: int
    sentence_end: int
    features: dict[str, float] = field(default_factory=dict)
    probability: float | None = None
    chosen: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"trigger_start": self.trigger_start, "trigger_end": self.trigger_end, "type": self.kind,
                "place": {"text": self.place.text, "start": self.place.start, "end": self.place.end, "key": self.place.key},
                "features": self.features, "probability": self.probability, "chosen": self.chosen}


@dataclass(slots=True)
class Choice:
    """One decision between rules' outcomes (``name``: which decision), with its features and outcome."""

    name: str
    trigger_start: int
    trigger_end: int
    sentence_start: int
    sentence_end: int
    features: dict[str, float]
    outcome: str
    probability: float | None = None
    places: tuple[PlaceMention, ...] = ()  # the places of the decision's sentence


@dataclass(slots=True)
class Trace:
    """What the event stage weighed, for fitting the models and explaining a result."""

    candidates: list[Candidate] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)


@dataclass(frozen=True)
class LogisticModel:
    """A logistic model over named binary/real features: P = sigmoid(bias + sum(weight * value))."""

    weights: Mapping[str, float]
    bias: float
    threshold: float  # at or above: yes
    meta: Mapping[str, Any]
    keep_threshold: float | None = None  # for a yes the rules already gave, when it differs (attachment)

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "bias": self.bias, "threshold": self.threshold,
                           "keep_threshold": self.keep_threshold, "meta": dict(self.meta),
                           "weights": dict(sorted(self.weights.items()))},
                          ensure_ascii=False, indent=1, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str = "model.json") -> LogisticModel:
        try:
            raw = json.loads(text)
            if raw.get("format") != FORMAT:
                raise ValueError(f"format {raw.get('format')!r}, expected {FORMAT!r}")
            weights = {str(k): float(v) for k, v in raw["weights"].items()}
            keep = raw.get("keep_threshold")
            return cls(weights, float(raw["bias"]), float(raw["threshold"]), dict(raw.get("meta") or {}),
                       None if keep is None else float(keep))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DataFileError(f"the model {source} cannot be read: {exc}",
                                hint="re-fit it with python scripts/fit_models.py, or reinstall rasd.", source=source) from exc


@dataclass(frozen=True)
class Models:
    """The fitted decisions the event stage uses; a missing one leaves its decision to the rules."""

    bombardment: LogisticModel | None = None
    attachment: LogisticModel | None = None


def load_model(name: str) -> LogisticModel | None:
    """The packaged model ``data/models/<name>.json``, or None when the package has none."""
    resource = resources.files("rasd").joinpath(*MODELS, f"{name}.json")
    if not resource.is_file():
        return None
    return LogisticModel.from_json(resource.read_text(encoding="utf-8"), "/".join((*MODELS, f"{name}.json")))


def packaged_models() -> Models:
    return Models(bombardment=load_model("bombardment"), attachment=load_model("attachment"))
