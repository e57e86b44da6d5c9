"""Local steps of dvc.yaml: build the training snapshot with Feast, and train and evaluate on it.

  python -m model_service.cli snapshot --labels data/labels.parquet --output data/training.parquet
  python -m model_service.cli train --data data/training.parquet --model models/model.joblib --metrics metrics.json
"""

import argparse
import json
from pathlib import Path

import pandas as pd
import yaml

from model_service.data import ENTITY_KEYS, LABEL, load_dataset, split


def snapshot(labels_path: str, output: str, repo: str = "feature_repo") -> None:
    """Point-in-time join of the feature service onto labelled entity rows (entity keys, event_timestamp, label)."""
    from feast import FeatureStore

    labels = pd.read_parquet(labels_path)
    missing = [c for c in ENTITY_KEYS + ["event_timestamp", LABEL] if c not in labels.columns]
    if missing:
        raise ValueError(f"{labels_path} lacks columns: {', '.join(missing)}")
    store = FeatureStore(repo_path=repo)
    service = store.get_feature_service("${{ values.name | replace('-', '_') }}_features")
    frame = store.get_historical_features(entity_df=labels, features=service).to_df()
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(output, index=False)


def train(data: str, model_path: str, metrics_path: str, params_path: str = "params.yaml") -> None:
    from model_service.evaluate import evaluate_model
    from model_service.gates import check_gates, load_gates
    from model_service.train import save_model, train_model

    params = yaml.safe_load(Path(params_path).read_text(encoding="utf-8"))
    train_frame, test_frame = split(load_dataset(data), params["test_fraction"], seed=42)
    model = train_model(train_frame, params["model"])
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    save_model(model, model_path)
    scores = evaluate_model(model, test_frame)
    scores["gate_failures"] = len(check_gates(scores, load_gates()))
    Path(metrics_path).write_text(json.dumps(scores, indent=2), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    snap = commands.add_parser("snapshot")
    snap.add_argument("--labels", required=True)
    snap.add_argument("--output", required=True)
    fit = commands.add_parser("train")
    fit.add_argument("--data", required=True)
    fit.add_argument("--model", required=True)
    fit.add_argument("--metrics", required=True)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.labels, args.output)
    else:
        train(args.data, args.model, args.metrics)


if __name__ == "__main__":
    main()
