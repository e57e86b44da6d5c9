import {
  StatusError,
  StatusOK,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import {
  ModelVersionSummary,
  RegistryView,
} from '@mlops-portal/plugin-mlops-common';

/** @public */
export interface VersionsTableProps {
  registry: RegistryView;
  canPromote: boolean;
  promoteDeniedReason: string;
  onPromote(version: ModelVersionSummary): void;
}

/**
 * Every version, newest first, with its aliases, the metrics the quality gates look at, and whether it passes
 * them.
 */
export function VersionsTable(props: VersionsTableProps) {
  const gateMetrics = [
    ...new Set(
      props.registry.versions.flatMap(v => v.gates.map(g => g.metric)),
    ),
  ];
  const columns: TableColumn<ModelVersionSummary>[] = [
    { title: 'Version', render: v => <strong>v{v.version}</strong> },
    {
      title: 'Aliases',
      render: v =>
        v.aliases.map(alias => (
          <Chip
            key={alias}
            size="small"
            label={alias}
            color={alias === 'champion' ? 'primary' : 'default'}
          />
        )),
    },
    ...gateMetrics.map(
      (metric): TableColumn<ModelVersionSummary> => ({
        title: metric,
        render: v => v.metrics[metric] ?? '—',
      }),
    ),
    {
      title: 'Gates',
      render: v => {
        const failed = v.gates.filter(g => !g.passed);
        return failed.length === 0 ? (
          <StatusOK>pass</StatusOK>
        ) : (
          <Tooltip title={failed.map(g => g.reason).join('; ')}>
            <span>
              <StatusError>fail ({failed.length})</StatusError>
            </span>
          </Tooltip>
        );
      },
    },
    { title: 'Status', field: 'status' },
    {
      title: 'Created',
      render: v => new Date(v.createdAt).toLocaleDateString(),
    },
    {
      title: '',
      render: v => (
        <Tooltip title={props.canPromote ? '' : props.promoteDeniedReason}>
          <span>
            <Button
              size="small"
              color="primary"
              variant="outlined"
              disabled={!props.canPromote || v.status !== 'READY'}
              onClick={() => props.onPromote(v)}
              aria-label={`Promote version ${v.version}`}
            >
              Promote
            </Button>
          </span>
        </Tooltip>
      ),
    },
  ];
  return (
    <Table<ModelVersionSummary>
      title={`Versions of ${props.registry.registeredModel.name} (MLflow ${props.registry.instance})`}
      options={{
        paging: props.registry.versions.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={props.registry.versions}
    />
  );
}
