import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import {
  ModelEntityV1alpha1,
  QualityGate,
} from '@mlops-portal/plugin-mlops-common';
import { SpecEntityRefs } from '../EntitySpecRefs/SpecEntityRefs';

function describeGate(gate: QualityGate): string {
  const bounds = [
    gate.min !== undefined && `≥ ${gate.min}`,
    gate.max !== undefined && `≤ ${gate.max}`,
    gate.minRatioOfChampion !== undefined &&
      `≥ ${gate.minRatioOfChampion} × champion`,
    gate.maxRatioOfChampion !== undefined &&
      `≤ ${gate.maxRatioOfChampion} × champion`,
  ].filter(Boolean);
  return `${gate.metric} ${bounds.join(', ')}`;
}

/**
 * The spec of a Model at a glance: what it is, who owns it, where its versions live, what trains and feeds it,
 * where it is served, the gates a version must pass and how drift is watched.
 *
 * @public
 */
export function ModelOverviewCard() {
  const { entity } = useEntity<ModelEntityV1alpha1>();
  const { spec } = entity;
  const drift = spec.monitoring?.drift;
  const serving = spec.serving;

  const metadata: Record<string, unknown> = {
    Owner: <SpecEntityRefs refs={spec.owner} defaultKind="Group" />,
    System: <SpecEntityRefs refs={spec.system} defaultKind="System" />,
    Type: spec.type,
    Lifecycle: spec.lifecycle,
    Framework: spec.framework ?? '—',
    Registry: spec.registry
      ? `${spec.registry.provider}${
          spec.registry.instance ? ` (${spec.registry.instance})` : ''
        }: ${spec.registry.modelName}`
      : '—',
    'Trained by': (
      <SpecEntityRefs refs={spec.trainedBy} defaultKind="Pipeline" />
    ),
    'Feature views': (
      <SpecEntityRefs refs={spec.featureViews} defaultKind="FeatureView" />
    ),
    Serving: serving
      ? [
          serving.platform,
          serving.runtime,
          [serving.cluster, serving.namespace, serving.resourceName]
            .filter(Boolean)
            .join('/'),
        ]
          .filter(Boolean)
          .join(' · ')
      : '—',
    'Served by': (
      <SpecEntityRefs refs={serving?.component} defaultKind="Component" />
    ),
    'Quality gates': spec.qualityGates?.length ? (
      <>
        {spec.qualityGates.map(gate => (
          <Chip key={gate.metric} size="small" label={describeGate(gate)} />
        ))}
      </>
    ) : (
      'none'
    ),
    Monitoring: drift
      ? `Prometheus ${spec.monitoring?.prometheus ?? 'default'} · drift ${
          drift.method ?? 'psi'
        } > ${drift.threshold ?? '—'}`
      : spec.monitoring?.prometheus ?? '—',
  };

  return (
    <InfoCard title="Model">
      <StructuredMetadataTable metadata={metadata} />
    </InfoCard>
  );
}
