"""Which named places a trigger's event happened at: rules propose, a fitted model decides.

For every trigger the assembler proposes each place of its sentence (and the
place a rule referred back to) as a *candidate*, described by features that
carry over between reports: how far apart they are in words and clauses, what
stands between them (punctuation, other places, other triggers), the
preposition before the place, the place's kind and precision, whether it is a
list's member or the area other places lie in, and what the hand-written rules
would have chosen. A logistic model fitted on the annotated reports
(``scripts/fit_models.py``) turns the features into the probability that an
event of the trigger's type happened at that place; candidates at or above the
fitted threshold become events.

The model's parameters ship as JSON (``data/models/attachment.json``): plain
numbers, nothing that executes.
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

MODEL_FILE = ("data", "models", "attachment.json")
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


@dataclass(frozen=True)
class AttachmentModel:
    """A logistic model over named binary/real features: P = sigmoid(bias + sum(weight * value))."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    meta: Mapping[str, Any]

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "bias": self.bias, "threshold": self.threshold, "meta": dict(self.meta),
                           "weights": dict(sorted(self.weights.items()))}, ensure_ascii=False, indent=1, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str = "attachment.json") -> AttachmentModel:
        try:
            raw = json.loads(text)
            if raw.get("format") != FORMAT:
                raise ValueError(f"format {raw.get('format')!r}, expected {FORMAT!r}")
            weights = {str(k): float(v) for k, v in raw["weights"].items()}
            return cls(weights, float(raw["bias"]), float(raw["threshold"]), dict(raw.get("meta") or {}))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DataFileError(f"the attachment model {source} cannot be read: {exc}",
                                hint="re-fit it with python scripts/fit_models.py, or reinstall rasd.", source=source) from exc


def load_attachment_model() -> AttachmentModel | None:
    """The packaged model, or None when the package has none (the rules decide alone then)."""
    resource = resources.files("rasd").joinpath(*MODEL_FILE)
    if not resource.is_file():
        return None
    return AttachmentModel.from_json(resource.read_text(encoding="utf-8"), "/".join(MODEL_FILE))
