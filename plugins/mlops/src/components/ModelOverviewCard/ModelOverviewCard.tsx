import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import {
  formatMetricValue,
  metricDisplay,
  ModelEntityV1alpha1,
  QualityGate,
} from '@mlops-portal/plugin-mlops-common';
import { SpecEntityRefs } from '../EntitySpecRefs/SpecEntityRefs';
import { describeDrift } from './describeDrift';
import { registryTitle } from '../format';

/** A gate in the metric's display name and unit (`p95 latency ≤ 50 ms`); ratios of the champion stay plain. */
function describeGate(model: ModelEntityV1alpha1, gate: QualityGate): string {
  const { title, unit } = metricDisplay(model, gate.metric);
  const bounds = [
    gate.min !== undefined && `≥ ${formatMetricValue(gate.min, unit)}`,
    gate.max !== undefined && `≤ ${formatMetricValue(gate.max, unit)}`,
    gate.minRatioOfChampion !== undefined &&
      `≥ ${gate.minRatioOfChampion} × champion`,
    gate.maxRatioOfChampion !== undefined &&
      `≤ ${gate.maxRatioOfChampion} × champion`,
  ].filter(Boolean);
  return `${title} ${bounds.join(', ')}`;
}

/**
 * The spec of a Model at a glance: what it is, who owns it, where its versions live, what trains and feeds it,
 * where it is served, the gates a version must pass (metric display names and units from `spec.metrics`) and how
 * drift is judged: the tests and thresholds the drift service applies, defaults included.
 *
 * @public
 */
export function ModelOverviewCard() {
  const { entity } = useEntity<ModelEntityV1alpha1>();
  const { spec } = entity;
  const serving = spec.serving;

  const metadata: Record<string, unknown> = {
    Owner: <SpecEntityRefs refs={spec.owner} defaultKind="Group" />,
    System: <SpecEntityRefs refs={spec.system} defaultKind="System" />,
    Type: spec.type,
    Lifecycle: spec.lifecycle,
    Framework: spec.framework ?? '—',
    // The registry and the model's name each stay whole (a hyphenated name would otherwise break at its hyphens).
    Registry: spec.registry
      ? [
          `${registryTitle(spec.registry.provider)}${
            spec.registry.instance ? ` (${spec.registry.instance})` : ''
          }:`,
          spec.registry.modelName,
        ].map((part, i) => (
          <span key={part} style={{ whiteSpace: 'nowrap' }}>
            {i > 0 && ' '}
            {part}
          </span>
        ))
      : '—',
    'Trained by': (
      <SpecEntityRefs refs={spec.trainedBy} defaultKind="Pipeline" />
    ),
    'Feature views': (
      <SpecEntityRefs refs={spec.featureViews} defaultKind="FeatureView" />
    ),
    // Each part stays whole (a cluster/namespace/name path would otherwise break at its slashes).
    Serving: serving
      ? [
          serving.platform,
          serving.runtime,
          [serving.cluster, serving.namespace, serving.resourceName]
            .filter(Boolean)
            .join('/'),
        ]
          .filter(Boolean)
          .map((part, i) => (
            <span key={part} style={{ whiteSpace: 'nowrap' }}>
              {i > 0 && ' · '}
              {part}
            </span>
          ))
      : '—',
    'Served by': (
      <SpecEntityRefs refs={serving?.component} defaultKind="Component" />
    ),
    'Quality gates': spec.qualityGates?.length ? (
      <>
        {spec.qualityGates.map(gate => (
          <Chip
            key={gate.metric}
            size="small"
            label={describeGate(entity, gate)}
          />
        ))}
      </>
    ) : (
      'none'
    ),
    Monitoring: `Prometheus ${spec.monitoring?.prometheus ?? 'default'}`,
    Drift: describeDrift(spec.monitoring?.drift),
  };

  return (
    <InfoCard title="Model">
      <StructuredMetadataTable metadata={metadata} />
    </InfoCard>
  );
}
