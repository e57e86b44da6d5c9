import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { FeatureViewEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';
import { SpecEntityRefs } from '../EntitySpecRefs/SpecEntityRefs';
import { describeIsoDuration } from '../schedule/describeIsoDuration';

function stores(spec: FeatureViewEntityV1alpha1['spec']): string {
  const names = [spec.online && 'online', spec.offline && 'offline'].filter(
    Boolean,
  );
  return names.length ? names.join(' + ') : 'not materialized';
}

/**
 * The spec of a FeatureView at a glance: entities, source, TTL (in words, the ISO 8601 value in its tooltip), stores
 * and Feast project.
 *
 * @public
 */
export function FeatureViewOverviewCard() {
  const { entity } = useEntity<FeatureViewEntityV1alpha1>();
  const { spec } = entity;
  const metadata: Record<string, unknown> = {
    Owner: <SpecEntityRefs refs={spec.owner} defaultKind="Group" />,
    System: <SpecEntityRefs refs={spec.system} defaultKind="System" />,
    Lifecycle: spec.lifecycle,
    Entities: spec.entities.join(', '),
    Source: spec.source ? `${spec.source.name} (${spec.source.type})` : '—',
    TTL: spec.ttl ? (
      <span title={spec.ttl}>{describeIsoDuration(spec.ttl)}</span>
    ) : (
      'none'
    ),
    Stores: stores(spec),
    'Feast project': `${spec.feast.project} (${
      spec.feast.instance ?? 'default'
    })`,
    'Feast name': spec.feast.name ?? entity.metadata.name,
  };
  return (
    <InfoCard title="Feature view">
      <StructuredMetadataTable metadata={metadata} />
    </InfoCard>
  );
}
