"""Serving helpers: the Open Inference (V2) request the runtimes take, and a local prediction for smoke tests."""

from typing import Dict, List

import pandas as pd

from model_service.data import feature_columns, model_inputs


def inference_request(rows: List[Dict[str, float]]) -> Dict:
    """A V2 inference protocol body (MLServer and KServe) with one tensor per feature column."""
    frame = model_inputs(pd.DataFrame(rows, columns=feature_columns()))
    return {
        "parameters": {"content_type": "pd"},
        "inputs": [
            {"name": name, "shape": [len(frame)], "datatype": "FP64", "data": frame[name].astype(float).tolist()}
            for name in feature_columns()
        ],
    }


def predict(model, rows: List[Dict[str, float]]) -> List[float]:
    """The probability of the positive class for each row, as the deployed model would answer."""
    frame = model_inputs(pd.DataFrame(rows, columns=feature_columns()))
    return [float(p) for p in model.predict_proba(frame)[:, 1]]
