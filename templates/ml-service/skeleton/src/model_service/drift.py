"""The drift job: compares recent serving inputs with the training reference per feature (PSI) and pushes
ml_feature_drift_score{model, feature, method="psi"} (and, given labelled feedback, ml_model_accuracy{model})
to a Prometheus Pushgateway, where the MLOps Portal's
Monitoring tab and the PrometheusRule in monitoring/ read it. Run by monitoring/drift-job.yaml every hour."""

import argparse
from typing import Dict, Optional

import numpy as np
import pandas as pd

from model_service import MODEL_NAME
from model_service.data import feature_columns, model_inputs


def psi(reference: np.ndarray, current: np.ndarray, bins: int = 10) -> float:
    """Population stability index over the reference's quantile bins (empty bins get a small floor)."""
    edges = np.unique(np.quantile(reference, np.linspace(0, 1, bins + 1)))
    if len(edges) < 2:
        return 0.0
    expected = np.histogram(np.clip(reference, edges[0], edges[-1]), edges)[0] / len(reference)
    actual = np.histogram(np.clip(current, edges[0], edges[-1]), edges)[0] / max(len(current), 1)
    expected = np.where(expected == 0, 1e-4, expected)
    actual = np.where(actual == 0, 1e-4, actual)
    return float(np.sum((actual - expected) * np.log(actual / expected)))


def drift_scores(reference: pd.DataFrame, current: pd.DataFrame) -> Dict[str, float]:
    """PSI per feature column, on the model's inputs (categories encoded as the model sees them)."""
    ref, cur = model_inputs(reference), model_inputs(current)
    return {name: psi(ref[name].to_numpy(float), cur[name].to_numpy(float)) for name in feature_columns()}


def online_accuracy(feedback: pd.DataFrame) -> Optional[float]:
    """Accuracy on labelled feedback (columns `prediction` and `label`), or None without any."""
    if feedback.empty:
        return None
    return float((feedback["prediction"].round() == feedback["label"]).mean())


def push(scores: Dict[str, float], accuracy: Optional[float], gateway: str) -> None:
    from prometheus_client import CollectorRegistry, Gauge, push_to_gateway

    registry = CollectorRegistry()
    gauge = Gauge("ml_feature_drift_score", "Per-feature drift", ["model", "feature", "method"], registry=registry)
    for feature, score in scores.items():
        gauge.labels(MODEL_NAME, feature, "psi").set(score)
    if accuracy is not None:
        Gauge("ml_model_accuracy", "Accuracy on labelled traffic", ["model"], registry=registry).labels(
            MODEL_NAME
        ).set(accuracy)
    push_to_gateway(gateway, job=f"{MODEL_NAME}-drift", registry=registry)


def main() -> None:
    parser = argparse.ArgumentParser(description="Per-feature drift of recent inputs against the training data")
    parser.add_argument("--reference", required=True, help="Training snapshot (Parquet)")
    parser.add_argument("--current", required=True, help="Recent serving inputs (Parquet)")
    parser.add_argument("--feedback", help="Labelled predictions (Parquet with prediction and label columns)")
    parser.add_argument("--pushgateway", required=True, help="host:port of the Prometheus Pushgateway")
    args = parser.parse_args()
    scores = drift_scores(pd.read_parquet(args.reference), pd.read_parquet(args.current))
    for feature, score in sorted(scores.items()):
        print(f"{feature}: psi={score:.4f}")
    accuracy = online_accuracy(pd.read_parquet(args.feedback)) if args.feedback else None
    push(scores, accuracy, args.pushgateway)


if __name__ == "__main__":
    main()
