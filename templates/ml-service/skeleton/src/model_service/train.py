"""Training with ${{ values.framework }}: fit, save and load the model, and log it to MLflow."""

from typing import Any, Dict

import joblib
import pandas as pd

from model_service.data import features_and_label

FRAMEWORK = "${{ values.framework }}"

DEFAULT_PARAMS: Dict[str, Any] = {
{%- if values.framework == 'xgboost' %}
    "n_estimators": 300,
    "max_depth": 6,
    "learning_rate": 0.1,
    "subsample": 0.8,
    "eval_metric": "auc",
{%- elif values.framework == 'lightgbm' %}
    "n_estimators": 300,
    "num_leaves": 31,
    "learning_rate": 0.05,
    "subsample": 0.8,
    "verbose": -1,
{%- else %}
    "n_estimators": 300,
    "max_depth": 3,
    "learning_rate": 0.1,
    "subsample": 0.8,
{%- endif %}
}


def build_model(params: Dict[str, Any]):
    merged = {**DEFAULT_PARAMS, **params}
{%- if values.framework == 'xgboost' %}
    from xgboost import XGBClassifier

    return XGBClassifier(**merged)
{%- elif values.framework == 'lightgbm' %}
    from lightgbm import LGBMClassifier

    return LGBMClassifier(**merged)
{%- else %}
    from sklearn.ensemble import GradientBoostingClassifier

    return GradientBoostingClassifier(**merged)
{%- endif %}


def train_model(frame: pd.DataFrame, params: Dict[str, Any]):
    features, label = features_and_label(frame)
    model = build_model(params)
    model.fit(features, label)
    return model


def save_model(model, path: str) -> None:
    joblib.dump(model, path)


def load_model(path: str):
    return joblib.load(path)


def log_model(model, artifact_path: str) -> None:
    """Logs the model with its MLflow flavour, so the MLflow server (Seldon's MLFLOW_SERVER, KServe's mlflow
    format) can serve it, plus the file the framework's own server loads (model.joblib or model.bst)."""
    import os
    import tempfile

    import mlflow

    with tempfile.TemporaryDirectory() as folder:
{%- if values.framework == 'xgboost' %}
        native = os.path.join(folder, "model.bst")
        model.save_model(native)
{%- else %}
        native = os.path.join(folder, "model.joblib")
        joblib.dump(model, native)
{%- endif %}
        mlflow.log_artifact(native, artifact_path=artifact_path)
{%- if values.framework == 'xgboost' %}
    import mlflow.xgboost

    mlflow.xgboost.log_model(model, artifact_path=artifact_path)
{%- elif values.framework == 'lightgbm' %}
    import mlflow.lightgbm

    mlflow.lightgbm.log_model(model, artifact_path=artifact_path)
{%- else %}
    import mlflow.sklearn

    mlflow.sklearn.log_model(model, artifact_path=artifact_path)
{%- endif %}
