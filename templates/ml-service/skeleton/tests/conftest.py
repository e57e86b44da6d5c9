"""A small synthetic dataset with every feature column and a learnable label."""

import numpy as np
import pandas as pd
import pytest

from model_service.data import CATEGORICAL, ENTITY_KEYS, LABEL, feature_columns, model_inputs


@pytest.fixture
def dataset() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = 600
    frame = pd.DataFrame({name: rng.normal(size=rows) for name in feature_columns()})
    for name in CATEGORICAL:
        frame[name] = rng.choice(["a", "b", "c"], size=rows)
    for key in ENTITY_KEYS:
        frame[key] = np.arange(rows)
    inputs = model_inputs(frame)
    standard = (inputs - inputs.mean()) / inputs.std().replace(0, 1)
    signal = standard.iloc[:, 0] + 0.5 * standard.iloc[:, -1]
    frame[LABEL] = (signal + rng.normal(scale=0.3, size=rows) > 0).astype(int)
    return frame
