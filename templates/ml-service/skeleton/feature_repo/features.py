"""Feast definitions of the features ${{ values.name }} reads, as the catalog's FeatureView entities describe them
(Feast >= 0.30: Field schemas and `source=`), and the feature service the model is trained and served with."""

import re
from datetime import timedelta

from feast import Entity, FeatureService, FeatureView, Field, FileSource, PushSource
from feast import types as ft


def iso_duration(text: str) -> timedelta:
    """An ISO 8601 duration in days, hours, minutes and seconds (P1D, PT6H, P1DT30M) as a timedelta."""
    match = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", text)
    if not match:
        raise ValueError(f"not an ISO 8601 duration: {text}")
    days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)

{% set types = {'INT32': 'ft.Int32', 'INT64': 'ft.Int64', 'FLOAT': 'ft.Float32', 'DOUBLE': 'ft.Float64', 'STRING': 'ft.String', 'BYTES': 'ft.Bytes', 'BOOL': 'ft.Bool', 'UNIX_TIMESTAMP': 'ft.UnixTimestamp', 'INT32_LIST': 'ft.Array(ft.Int32)', 'INT64_LIST': 'ft.Array(ft.Int64)', 'FLOAT_LIST': 'ft.Array(ft.Float32)', 'DOUBLE_LIST': 'ft.Array(ft.Float64)', 'STRING_LIST': 'ft.Array(ft.String)', 'BYTES_LIST': 'ft.Array(ft.Bytes)', 'BOOL_LIST': 'ft.Array(ft.Bool)', 'UNIX_TIMESTAMP_LIST': 'ft.Array(ft.UnixTimestamp)'} %}
{%- set seen = [] %}
{%- for view in values.featureViews %}
{%- for entity in view.spec.entities %}
{%- if entity not in seen %}
{%- set _ = seen.push(entity) %}
${{ entity }} = Entity(name="${{ entity }}", join_keys=["${{ entity }}"])
{%- endif %}
{%- endfor %}
{%- endfor %}
{% for view in values.featureViews %}
{%- set feastName = view.spec.feast.name or view.metadata.name | replace('-', '_') %}
{%- set sourceName = view.spec.source.name if view.spec.source else feastName + '_source' %}

${{ feastName }}_batch = FileSource(
    name="${{ sourceName }}_batch",
    path="data/${{ feastName }}.parquet",
    timestamp_field="event_timestamp",
)
{%- if view.spec.source and (view.spec.source.type == 'stream' or view.spec.source.type == 'push') %}
# Streamed in production; pushed here (`store.push`) with the batch file as its history.
${{ feastName }}_source = PushSource(name="${{ sourceName }}", batch_source=${{ feastName }}_batch)
{%- else %}
${{ feastName }}_source = ${{ feastName }}_batch
{%- endif %}

${{ feastName }} = FeatureView(
    name="${{ feastName }}",
    entities=[${{ view.spec.entities | join(', ') }}],
    ttl=${{ 'iso_duration("' + view.spec.ttl + '")' if view.spec.ttl else 'None' }},
    schema=[
{%- for feature in view.spec.features %}
        Field(name="${{ feature.name }}", dtype=${{ types[feature.type] or 'ft.String' }}),
{%- endfor %}
    ],
    online=${{ 'False' if view.spec.online == false else 'True' }},
    source=${{ feastName }}_source,
    tags={"catalog": "featureview:${{ view.metadata.namespace }}/${{ view.metadata.name }}"},
)
{%- endfor %}

${{ values.name | replace('-', '_') }}_features = FeatureService(
    name="${{ values.name | replace('-', '_') }}_features",
    features=[
{%- for view in values.featureViews %}
        ${{ view.spec.feast.name or view.metadata.name | replace('-', '_') }},
{%- endfor %}
    ],
    description="The features ${{ values.name }} is trained and served with",
)
