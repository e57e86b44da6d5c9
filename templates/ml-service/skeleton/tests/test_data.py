import pandas as pd
import pytest

from model_service.data import CATEGORICAL, LABEL, check_schema, feature_columns, model_inputs, split


def test_every_feature_view_contributes_columns():
    assert feature_columns(), "the model reads at least one feature"
    assert len(feature_columns()) == len(set(feature_columns()))


def test_schema_check_names_missing_columns(dataset):
    check_schema(dataset)
    with pytest.raises(ValueError, match=feature_columns()[0]):
        check_schema(dataset.drop(columns=[feature_columns()[0]]))


def test_schema_check_refuses_other_labels(dataset):
    broken = dataset.copy()
    broken.loc[0, LABEL] = 7
    with pytest.raises(ValueError, match="must hold 0 and 1"):
        check_schema(broken)


def test_split_is_stratified_and_disjoint(dataset):
    train, test = split(dataset, test_fraction=0.25, seed=1)
    assert len(train) + len(test) == len(dataset)
    assert not set(train.index) & set(test.index)
    assert abs(test[LABEL].mean() - dataset[LABEL].mean()) < 0.05
    with pytest.raises(ValueError):
        split(pd.DataFrame({LABEL: [0, 1]}), test_fraction=1.5, seed=1)


def test_model_inputs_are_numbers_with_stable_category_codes(dataset):
    inputs = model_inputs(dataset)
    assert list(inputs.columns) == feature_columns()
    assert all(str(dtype) == "float64" for dtype in inputs.dtypes)
    for name in CATEGORICAL:
        assert inputs[name].nunique() == dataset[name].nunique()
        again = model_inputs(dataset.iloc[::-1])[name].iloc[::-1]
        assert (again.to_numpy() == inputs[name].to_numpy()).all()
