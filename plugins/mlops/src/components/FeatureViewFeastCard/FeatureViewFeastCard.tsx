import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { FeatureViewStatus } from '@mlops-portal/plugin-mlops-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { mlopsApiRef } from '../../api/MlopsApi';
import { span } from '../format';
import { describeIsoDuration } from '../schedule/describeIsoDuration';

const VIEW_TYPES: Record<string, string> = {
  featureView: 'batch feature view',
  streamFeatureView: 'stream feature view',
  onDemandFeatureView: 'on-demand feature view',
};

const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : '—');

function staleMessage(status: FeatureViewStatus): string {
  if (!status.lastMaterializedAt) {
    return `It has never been materialized, so the online store serves nothing for it. Run feast materialize for ${status.name}.`;
  }
  return `Last materialized ${span(status.ageSeconds)} ago (${when(
    status.lastMaterializedAt,
  )}), longer than its TTL of ${
    status.ttl ? describeIsoDuration(status.ttl) : span(status.ttlSeconds)
  }: online lookups no longer return these values. Run feast materialize-incremental for ${
    status.name
  }.`;
}

/**
 * A FeatureView as Feast's registry holds it now: a staleness warning when the last materialization is older
 * than the TTL, its freshness, join keys, source and stores, and where the catalog entity disagrees with Feast.
 * Refreshes every minute.
 *
 * @public
 */
export function FeatureViewFeastCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(mlopsApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getFeatureViewStatus(entityRef),
    [api, entityRef],
  );
  useInterval(retry, 60_000);
  if (loading && !value) return <Progress />;
  if (error && !value) {
    return (
      <ResponseErrorPanel
        error={error}
        title={`Feast registry: ${error.message}`}
      />
    );
  }
  const status = value!;
  const stores =
    [status.online && 'online', status.offline && 'offline']
      .filter(Boolean)
      .join(' + ') || 'none';
  const metadata: Record<string, unknown> = {
    'Last materialization': status.lastMaterializedAt
      ? `${when(status.lastMaterializedAt)} (${span(status.ageSeconds)} ago)`
      : 'never',
    TTL: status.ttl ? (
      <span title={status.ttl}>{describeIsoDuration(status.ttl)}</span>
    ) : (
      'none'
    ),
    Freshness: status.stale ? 'stale' : 'fresh',
    Type: VIEW_TYPES[status.type] ?? status.type,
    'Join keys':
      status.entityColumns.map(c => `${c.name} (${c.type})`).join(', ') ||
      status.entities.join(', ') ||
      '—',
    Source: status.source
      ? `${status.source.name} (${status.source.type})`
      : '—',
    Stores: stores,
    Features: status.features.length,
    'Updated in Feast': when(status.updatedAt),
    ...(status.owner ? { 'Feast owner': status.owner } : {}),
    ...(Object.keys(status.tags).length
      ? {
          Tags: Object.entries(status.tags)
            .map(([k, v]) => `${k}=${v}`)
            .join(', '),
        }
      : {}),
  };
  return (
    <InfoCard
      title="Feast registry"
      subheader={`${status.project}/${status.name} on ${status.feastInstance}`}
    >
      {status.stale && (
        <WarningPanel
          severity="error"
          title="Stale: the online store is older than the TTL"
          defaultExpanded
          message={staleMessage(status)}
        />
      )}
      <StructuredMetadataTable metadata={metadata} />
      {status.catalogDifferences.length > 0 && (
        <WarningPanel
          severity="warning"
          title="The catalog entity differs from Feast"
          message="Update the entity's YAML (or ingest feature views with the Feast entity provider)."
        >
          <List dense aria-label="Differences from Feast">
            {status.catalogDifferences.map(d => (
              <ListItem key={d}>
                <ListItemText primary={d} />
              </ListItem>
            ))}
          </List>
        </WarningPanel>
      )}
    </InfoCard>
  );
}
