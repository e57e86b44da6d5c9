"""Evaluation on the held-out split: the figures the quality gates read."""

import time
from typing import Dict

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

from model_service.data import features_and_label


def evaluate_model(model, test: pd.DataFrame, threshold: float = 0.5) -> Dict[str, float]:
    features, label = features_and_label(test)
    scores = model.predict_proba(features)[:, 1]
    predicted = (scores >= threshold).astype(int)
    return {
        "accuracy": float(accuracy_score(label, predicted)),
        "f1": float(f1_score(label, predicted)),
        "roc_auc": float(roc_auc_score(label, scores)),
        "p95_latency_ms": p95_latency_ms(model, features),
    }


def p95_latency_ms(model, features: pd.DataFrame, requests: int = 200) -> float:
    """The 95th percentile of single-row prediction time, in milliseconds, as the serving runtime sees it."""
    rows = features.sample(n=min(requests, len(features)), replace=len(features) < requests, random_state=7)
    timings = []
    for index in range(len(rows)):
        started = time.perf_counter()
        model.predict_proba(rows.iloc[[index]])
        timings.append((time.perf_counter() - started) * 1000)
    return float(np.percentile(timings, 95))
