"""Kubeflow Pipelines v2 training pipeline of ${{ values.name }}.

preprocess -> train -> evaluate -> validate_gate. Each step is a lightweight Python component running in the
service's own image (pinned by digest; CI sets the digest of the image it builds). Runs log to MLflow, the
training step with the drift reference the MLOps Portal reads (drift/reference.json, src/model_service/drift_reference.py);
the validate gate registers the model version only when every quality gate passes, tagged with the Kubeflow
run id (``kfp_run_id``) so the MLOps Portal links the run to the version it produced.

Compile:  python pipelines/training_pipeline.py --output training_pipeline.yaml
"""

import argparse
import os

from kfp import compiler, dsl
from kfp.dsl import Dataset, Input, Metrics, Model, Output

# The service image built by CI (Dockerfile), pinned by digest: CI compiles with PIPELINE_IMAGE set to the image it
# just built (ghcr.io/<repo>@sha256:<digest>). The all-zero digest below makes an uncompiled-by-CI run fail fast.
IMAGE = os.environ.get(
    "PIPELINE_IMAGE",
    "ghcr.io/${{ values.repoSlug }}@sha256:0000000000000000000000000000000000000000000000000000000000000000",
)
MLFLOW_TRACKING_URI = "http://mlflow.mlflow.svc.cluster.local:5000"
MODEL_NAME = "${{ values.name }}"


@dsl.component(base_image=IMAGE)
def preprocess(
    dataset_uri: str,
    test_fraction: float,
    train_data: Output[Dataset],
    test_data: Output[Dataset],
):
    """Reads the training snapshot (features joined by Feast), checks its schema and splits it."""
    from model_service.data import load_dataset, split

    frame = load_dataset(dataset_uri)
    train, test = split(frame, test_fraction=test_fraction, seed=42)
    train.to_parquet(train_data.path, index=False)
    test.to_parquet(test_data.path, index=False)
    train_data.metadata["rows"] = len(train)
    test_data.metadata["rows"] = len(test)


@dsl.component(base_image=IMAGE)
def train(
    train_data: Input[Dataset],
    params_json: str,
    mlflow_tracking_uri: str,
    kfp_run_id: str,
    model: Output[Model],
) -> str:
    """Trains the model, logs parameters and the drift reference (the training rows' feature distributions,
    drift/reference.json, which the MLOps Portal measures the champion's inputs against) to MLflow, and returns
    the MLflow run id."""
    import json

    import mlflow
    import pandas as pd

    from model_service.drift_reference import log_drift_reference
    from model_service.train import save_model, train_model

    params = json.loads(params_json)
    frame = pd.read_parquet(train_data.path)
    mlflow.set_tracking_uri(mlflow_tracking_uri)
    mlflow.set_experiment("${{ values.name }}")
    with mlflow.start_run(tags={"kfp_run_id": kfp_run_id}) as run:
        mlflow.log_params(params)
        log_drift_reference(frame)
        fitted = train_model(frame, params)
        save_model(fitted, model.path)
        model.metadata["framework"] = "${{ values.framework }}"
        model.metadata["mlflow_run_id"] = run.info.run_id
        return run.info.run_id


@dsl.component(base_image=IMAGE)
def evaluate(
    test_data: Input[Dataset],
    model: Input[Model],
    mlflow_tracking_uri: str,
    mlflow_run_id: str,
    metrics: Output[Metrics],
):
    """Scores the held-out split (accuracy, F1, ROC AUC, p95 latency) and logs the figures to MLflow."""
    import mlflow
    import pandas as pd

    from model_service.evaluate import evaluate_model
    from model_service.train import load_model

    scores = evaluate_model(load_model(model.path), pd.read_parquet(test_data.path))
    mlflow.set_tracking_uri(mlflow_tracking_uri)
    with mlflow.start_run(run_id=mlflow_run_id):
        mlflow.log_metrics(scores)
    for name, value in scores.items():
        metrics.log_metric(name, value)


@dsl.component(base_image=IMAGE)
def validate_gate(
    metrics: Input[Metrics],
    model: Input[Model],
    mlflow_tracking_uri: str,
    mlflow_run_id: str,
    kfp_run_id: str,
) -> str:
    """Fails the run unless every gate in quality_gates.yaml passes; then registers the version in MLflow."""
    import mlflow
    from mlflow.tracking import MlflowClient

    from model_service.gates import check_gates, load_gates
    from model_service.train import load_model, log_model

    failures = check_gates(metrics.metadata, load_gates())
    if failures:
        raise RuntimeError("Quality gates failed: " + "; ".join(failures))
    mlflow.set_tracking_uri(mlflow_tracking_uri)
    with mlflow.start_run(run_id=mlflow_run_id):
        log_model(load_model(model.path), artifact_path="model")
    version = mlflow.register_model(
        f"runs:/{mlflow_run_id}/model",
        "${{ values.name }}",
        tags={"kfp_run_id": kfp_run_id, "validated": "true"},
    )
    MlflowClient().set_model_version_tag("${{ values.name }}", version.version, "gates", "passed")
    return version.version


@dsl.pipeline(
    name="${{ values.name }}-training",
    description=${{ values.description | dump }},
)
def training_pipeline(
    dataset_uri: str = "s3://datasets/${{ values.name }}/training.parquet",
    test_fraction: float = 0.2,
    params_json: str = "{}",
    drift_reason: str = "",
):
    """drift_reason is set by the MLOps Portal when it starts a run because the inputs drifted."""
    prepared = preprocess(dataset_uri=dataset_uri, test_fraction=test_fraction)
    prepared.set_display_name("Preprocess").set_caching_options(enable_caching=True)

    trained = train(
        train_data=prepared.outputs["train_data"],
        params_json=params_json,
        mlflow_tracking_uri=MLFLOW_TRACKING_URI,
        kfp_run_id=dsl.PIPELINE_JOB_ID_PLACEHOLDER,
    )
    trained.set_display_name("Train").set_caching_options(enable_caching=False)
    trained.set_cpu_limit("4").set_memory_limit("8G").set_retry(num_retries=1)

    evaluated = evaluate(
        test_data=prepared.outputs["test_data"],
        model=trained.outputs["model"],
        mlflow_tracking_uri=MLFLOW_TRACKING_URI,
        mlflow_run_id=trained.outputs["Output"],
    )
    evaluated.set_display_name("Evaluate").set_caching_options(enable_caching=False)

    gate = validate_gate(
        metrics=evaluated.outputs["metrics"],
        model=trained.outputs["model"],
        mlflow_tracking_uri=MLFLOW_TRACKING_URI,
        mlflow_run_id=trained.outputs["Output"],
        kfp_run_id=dsl.PIPELINE_JOB_ID_PLACEHOLDER,
    )
    gate.set_display_name("Validate gate").set_caching_options(enable_caching=False)


def compile_pipeline(output: str) -> None:
    compiler.Compiler().compile(pipeline_func=training_pipeline, package_path=output)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="training_pipeline.yaml")
    compile_pipeline(parser.parse_args().output)
