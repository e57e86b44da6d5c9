"""The drift reference the training pipeline logs to MLflow (drift/reference.json) for the MLOps Portal."""

import json

import numpy as np
import pandas as pd

from model_service.data import CATEGORICAL, ENTITY_KEYS, LABEL, feature_columns
from model_service.drift_reference import FORMAT, bucket_counts, drift_reference, to_json


def test_counts_each_value_in_the_first_bucket_whose_bound_is_not_below_it():
    # Prometheus' `le` buckets: (-inf, 1], (1, 2], (2, +Inf); a value on a bound belongs to that bound's bucket.
    assert bucket_counts(np.array([0.0, 1.0, 1.0, 1.5, 2.0, 5.0, np.nan]), [1.0, 2.0]) == [3, 2, 1]


def test_describes_every_feature_and_nothing_else(dataset):
    reference = drift_reference(dataset)
    assert reference["format"] == FORMAT == "mlops-drift-reference/v1"
    assert reference["rows"] == len(dataset)
    assert sorted([*reference["numerical"], *reference["categorical"]]) == sorted(feature_columns())
    assert set(reference["categorical"]) == set(CATEGORICAL)
    assert not {LABEL, *ENTITY_KEYS} & {*reference["numerical"], *reference["categorical"]}
    for name, feature in reference["numerical"].items():
        bounds = feature["upperBounds"]
        assert bounds[-1] == "+Inf"
        assert bounds[:-1] == sorted(set(bounds[:-1])), name
        assert len(feature["counts"]) == len(bounds)
        assert sum(feature["counts"]) == dataset[name].notna().sum()
    for name, counts in reference["categorical"].items():
        assert counts == {str(k): int(v) for k, v in dataset[name].value_counts().items()}


def test_is_strict_json_with_bools_as_categories(dataset):
    frame = dataset.copy()
    first = feature_columns()[0]
    frame[first] = pd.Series([True, False] * (len(frame) // 2), index=frame.index)
    parsed = json.loads(to_json(drift_reference(frame)))
    assert parsed["categorical"][first] == {"false": len(frame) // 2, "true": len(frame) // 2}
    assert all(isinstance(b, float) for f in parsed["numerical"].values() for b in f["upperBounds"][:-1])
