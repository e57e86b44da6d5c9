from model_service.data import split
from model_service.evaluate import evaluate_model
from model_service.gates import check_gates, load_gates
from model_service.serve import inference_request, predict
from model_service.train import load_model, save_model, train_model


def test_trains_a_model_that_learns_the_signal(dataset, tmp_path):
    train, test = split(dataset, test_fraction=0.25, seed=1)
    model = train_model(train, {"n_estimators": 50})
    scores = evaluate_model(model, test)
    assert scores["roc_auc"] > 0.8
    assert 0 <= scores["accuracy"] <= 1
    assert scores["p95_latency_ms"] > 0
    path = tmp_path / "model.joblib"
    save_model(model, str(path))
    rows = test.head(3).to_dict("records")
    assert predict(load_model(str(path)), rows) == predict(model, rows)


def test_gates_name_every_failure_and_a_missing_metric():
    gates = load_gates()
    assert {g["metric"] for g in gates} >= {"accuracy", "f1", "roc_auc", "p95_latency_ms"}
    failures = check_gates({"accuracy": 0.0, "f1": 1.0, "roc_auc": 1.0, "p95_latency_ms": 1e9}, gates)
    assert any(f.startswith("accuracy") for f in failures)
    assert any(f.startswith("p95_latency_ms") for f in failures)
    assert check_gates({}, gates) == [f"{g['metric']} was not measured" for g in gates]


def test_inference_request_has_one_tensor_per_feature(dataset):
    body = inference_request(dataset.head(2).to_dict("records"))
    assert all(tensor["shape"] == [2] for tensor in body["inputs"])
