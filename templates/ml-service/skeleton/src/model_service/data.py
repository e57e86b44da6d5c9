"""The training data: Feast features joined on the entity keys, plus the label column."""

import zlib
from typing import List, Tuple

import pandas as pd

LABEL = "${{ values.targetColumn }}"

# The features the model reads, by feature view (as in feature_repo/features.py and the catalog). List, map and
# other non-scalar features are left out of the model; STRING features are encoded by encode_categorical.
FEATURES = {
{%- for view in values.featureViews %}
    "${{ view.spec.feast.name or view.metadata.name | replace('-', '_') }}": [
{%- for feature in view.spec.features %}
{%- if feature.type in ['INT32', 'INT64', 'FLOAT', 'DOUBLE', 'BOOL', 'STRING'] %}
        "${{ feature.name }}",
{%- endif %}
{%- endfor %}
    ],
{%- endfor %}
}

CATEGORICAL = frozenset([
{%- for view in values.featureViews %}
{%- for feature in view.spec.features %}
{%- if feature.type == 'STRING' %}
    "${{ feature.name }}",
{%- endif %}
{%- endfor %}
{%- endfor %}
])

ENTITY_KEYS = sorted({
{%- for view in values.featureViews %}
{%- for entity in view.spec.entities %}
    "${{ entity }}",
{%- endfor %}
{%- endfor %}
})


def feature_columns() -> List[str]:
    """Every feature column, in a stable order."""
    return [name for view in sorted(FEATURES) for name in FEATURES[view]]


def load_dataset(uri: str) -> pd.DataFrame:
    """Reads a training snapshot (Parquet or CSV) and checks it has every feature and the label."""
    frame = pd.read_csv(uri) if uri.endswith(".csv") else pd.read_parquet(uri)
    check_schema(frame)
    return frame


def check_schema(frame: pd.DataFrame) -> None:
    missing = [c for c in feature_columns() + [LABEL] if c not in frame.columns]
    if missing:
        raise ValueError(f"Training data lacks columns: {', '.join(missing)}")
    if frame[LABEL].isna().any():
        raise ValueError(f"The label column {LABEL} has missing values")
    labels = set(frame[LABEL].unique())
    if not labels <= {0, 1}:
        raise ValueError(f"The label column {LABEL} must hold 0 and 1, found {sorted(labels)}")


def split(frame: pd.DataFrame, test_fraction: float, seed: int) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """A stratified train/test split."""
    if not 0 < test_fraction < 1:
        raise ValueError("test_fraction must be between 0 and 1")
    test = frame.groupby(LABEL, group_keys=False).sample(frac=test_fraction, random_state=seed)
    return frame.drop(test.index), test


def encode_categorical(values: pd.Series) -> pd.Series:
    """A stable number per category (CRC-32 of its text, in 16 bits): the same at training and serving time,
    with no vocabulary to ship, at the price of rare collisions."""
    return values.map(lambda v: zlib.crc32(str(v).encode("utf-8")) & 0xFFFF).astype("float64")


def model_inputs(frame: pd.DataFrame) -> pd.DataFrame:
    """The feature columns as the model takes them: numbers as float64, categories encoded."""
    columns = {}
    for name in feature_columns():
        columns[name] = encode_categorical(frame[name]) if name in CATEGORICAL else frame[name].astype("float64")
    return pd.DataFrame(columns, index=frame.index)


def features_and_label(frame: pd.DataFrame) -> Tuple[pd.DataFrame, pd.Series]:
    return model_inputs(frame), frame[LABEL].astype("int64")
