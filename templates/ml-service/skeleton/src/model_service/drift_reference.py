"""The drift reference of ${{ values.name }}: how the training rows are distributed over every feature, logged with
the training run as the MLflow artifact drift/reference.json. The MLOps Portal measures the inputs of the champion
against the reference of the champion's own training run (format mlops-drift-reference/v1, described in the
portal's mlops-backend README, "Drift"):

  {"format": "mlops-drift-reference/v1", "model": "...", "rows": 1234,
   "numerical": {"feature": {"upperBounds": [1.5, 3.0, "+Inf"], "counts": [400, 700, 134]}},
   "categorical": {"feature": {"category": 1234}}}

Numerical features are counted in buckets as a Prometheus histogram counts them (a value goes to the first bucket
whose upper bound is >= the value; "+Inf" takes the rest): a model server that exports the portal's
mlops_feature_value histogram uses these bounds as its buckets, so that both sides count alike."""

import json
import math
from typing import Any, Dict, List

import numpy as np
import pandas as pd

from model_service import MODEL_NAME
from model_service.data import CATEGORICAL, feature_columns

ARTIFACT_PATH = "drift/reference.json"
FORMAT = "mlops-drift-reference/v1"


def bucket_bounds(values: np.ndarray) -> List[float]:
    """Finite upper bounds for a numerical feature: the inner edges of Sturges' equal-width bins over the training
    values (the binning Evidently uses for reference data), rounded to 4 significant digits so they read well as
    Prometheus `le` labels."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return []
    edges = np.histogram_bin_edges(finite, bins="sturges")[1:-1]
    return sorted({float(f"{edge:.4g}") for edge in edges})


def bucket_counts(values: np.ndarray, bounds: List[float]) -> List[int]:
    """Rows per bucket (bound[i-1], bound[i]], one more for "+Inf"; missing values are not counted."""
    finite = values[~np.isnan(values)]
    index = np.searchsorted(np.asarray(bounds, dtype=float), finite, side="left")
    return np.bincount(index, minlength=len(bounds) + 1).astype(int).tolist()


def _is_categorical(name: str, column: pd.Series) -> bool:
    return name in CATEGORICAL or pd.api.types.is_bool_dtype(column)


def _category(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    return str(value)


def drift_reference(frame: pd.DataFrame) -> Dict[str, Any]:
    """The reference of the feature columns of `frame` (the training rows; the label and entity keys are left out)."""
    numerical: Dict[str, Dict[str, list]] = {}
    categorical: Dict[str, Dict[str, int]] = {}
    for name in feature_columns():
        column = frame[name]
        if _is_categorical(name, column):
            counts = column.dropna().map(_category).value_counts()
            categorical[name] = {str(category): int(count) for category, count in sorted(counts.items())}
        else:
            values = column.to_numpy(dtype=float)
            bounds = bucket_bounds(values)
            numerical[name] = {"upperBounds": [*bounds, "+Inf"], "counts": bucket_counts(values, bounds)}
    return {
        "format": FORMAT,
        "model": MODEL_NAME,
        "rows": int(len(frame)),
        "numerical": numerical,
        "categorical": categorical,
    }


def to_json(reference: Dict[str, Any]) -> str:
    """Strict JSON (no NaN or Infinity, which the portal's JSON parser refuses)."""
    for feature in reference["numerical"].values():
        if any(isinstance(b, float) and not math.isfinite(b) for b in feature["upperBounds"]):
            raise ValueError("upper bounds must be finite; the last one is the string '+Inf'")
    return json.dumps(reference, allow_nan=False, indent=2)


def log_drift_reference(frame: pd.DataFrame) -> None:
    """Logs the reference of `frame` to the active MLflow run as drift/reference.json."""
    import mlflow

    mlflow.log_text(to_json(drift_reference(frame)), ARTIFACT_PATH)
