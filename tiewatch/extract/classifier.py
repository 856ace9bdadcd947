"""The tie classifier: a multinomial logistic model over candidate-pair features, shipped as a JSON
file of weights (tiewatch/extract/data/ties-model.json) and read lazily, once per process.

Scoring needs no machine-learning library (numpy only): a pair's score for each class is the
intercept plus the weights of its features, and the probabilities are their softmax. The file is written by
`tiewatch bench train` (tiewatch.bench.train), which fits the same model with scikit-learn from
the annotated data in benchmarks/ and records what it was trained on.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from tiewatch.model import ExtractError

MODEL_FILE = "ties-model.json"
FORMAT = 1


@dataclass(frozen=True, eq=False)
class TieModel:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float
    about: dict
    veto: float = 1.0  # the probability of "no tie" at which a rule's finding is overruled

    @cached_property
    def _matrix(self) -> tuple[dict[str, int], Any, Any]:
        """The weights as one array, row per feature (built on first use)."""
        import numpy

        index = {f: n for n, f in enumerate(self.weights)}
        rows = numpy.array([self.weights[f] for f in index], dtype=float).reshape(len(index), len(self.classes))
        return index, rows, numpy.array(self.intercept, dtype=float)

    def probabilities(self, feats: Iterable[str]) -> list[float]:
        index, rows, intercept = self._matrix
        scores = intercept + rows[[index[f] for f in feats if f in index]].sum(axis=0)
        exps = [math.exp(v) for v in (scores - scores.max()).tolist()]
        total = sum(exps)
        return [e / total for e in exps]

    def to_json(self) -> dict:
        return {"format": FORMAT, "classes": list(self.classes), "intercept": list(self.intercept),
                "threshold": self.threshold, "veto": self.veto, "about": self.about,
                "weights": {f: list(w) for f, w in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict, where: str) -> TieModel:
        wrong = ExtractError(f"{where}: not a tiewatch tie model of format {FORMAT}; retrain with `tiewatch bench train`")
        if not isinstance(data, dict) or data.get("format") != FORMAT or not data.get("classes"):
            raise wrong
        try:
            width = len(data["classes"])
            weights = {str(f): tuple(float(x) for x in w) for f, w in data["weights"].items() if len(w) == width}
            intercept = tuple(float(b) for b in data["intercept"])
            model = cls(tuple(data["classes"]), intercept, weights, float(data["threshold"]),
                        dict(data.get("about") or {}), float(data.get("veto", 1.0)))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise wrong from None
        if len(intercept) != width:
            raise wrong
        return model


def shipped_path() -> Path:
    return Path(str(resources.files("tiewatch.extract") / "data" / MODEL_FILE))


def read_model(path: Path) -> TieModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExtractError(f"cannot read the tie model {path}: {exc}; retrain with `tiewatch bench train`") from None
    return TieModel.from_json(data, str(path))


@lru_cache(maxsize=1)
def tie_model() -> TieModel:
    """The shipped model, read once."""
    return read_model(shipped_path())
