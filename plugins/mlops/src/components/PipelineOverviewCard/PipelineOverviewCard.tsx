import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  PipelineEntityV1alpha1,
  RELATION_TRAINS,
} from '@mlops-portal/plugin-mlops-common';
import { SpecEntityRefs } from '../EntitySpecRefs/SpecEntityRefs';
import { describeCron } from '../schedule/describeCron';

/**
 * The spec of a Pipeline at a glance: owner, Kubeflow pipeline, schedule (in words, the cron in its tooltip) and
 * the models it trains: those its `spec.produces` names and those whose `spec.trainedBy` names it (a Pipeline
 * ingested from Kubeflow knows only the latter, as its `trains` relations).
 *
 * @public
 */
export function PipelineOverviewCard() {
  const { entity } = useEntity<PipelineEntityV1alpha1>();
  const { spec } = entity;
  const namespace = entity.metadata.namespace ?? 'default';
  const trains = [
    ...new Set(
      [
        ...(spec.produces ?? []),
        ...(entity.relations ?? [])
          .filter(r => r.type === RELATION_TRAINS)
          .map(r => r.targetRef),
      ].map(ref =>
        stringifyEntityRef(
          parseEntityRef(ref, {
            defaultKind: 'Model',
            defaultNamespace: namespace,
          }),
        ),
      ),
    ),
  ];
  const metadata: Record<string, unknown> = {
    Owner: <SpecEntityRefs refs={spec.owner} defaultKind="Group" />,
    System: <SpecEntityRefs refs={spec.system} defaultKind="System" />,
    Type: spec.type,
    Lifecycle: spec.lifecycle,
    'Kubeflow pipeline':
      spec.kubeflow.pipelineName ?? spec.kubeflow.pipelineId ?? '—',
    'Kubeflow instance': spec.kubeflow.instance ?? 'default',
    Experiment: spec.kubeflow.experiment ?? '—',
    Schedule: spec.schedule ? (
      <span title={`cron: ${spec.schedule}`}>
        {describeCron(spec.schedule)}
      </span>
    ) : (
      'on demand'
    ),
    Trains: <SpecEntityRefs refs={trains} defaultKind="Model" />,
  };
  return (
    <InfoCard title="Pipeline">
      <StructuredMetadataTable metadata={metadata} />
    </InfoCard>
  );
}
