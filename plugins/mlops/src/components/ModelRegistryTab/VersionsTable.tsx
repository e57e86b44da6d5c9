import {
  StatusError,
  StatusOK,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  formatMetricValue,
  metricDisplay,
  ModelEntityV1alpha1,
  ModelVersionSummary,
  RegistryView,
} from '@mlops-portal/plugin-mlops-common';
import { describeGate } from './describeGate';
import { registryTitle } from '../format';

/** @public */
export interface VersionsTableProps {
  registry: RegistryView;
  /** The Model, for its metrics' display names, units and directions (`spec.metrics`). */
  model?: Pick<ModelEntityV1alpha1, 'spec'>;
  canPromote: boolean;
  promoteDeniedReason: string;
  onPromote(version: ModelVersionSummary): void;
}

// Values, dates and buttons never break; headers may wrap between words only.
const nowrap = { whiteSpace: 'nowrap' } as const;

/**
 * The metrics worth a column: those the Model's `spec.metrics` lists (in its order) and those a gate checks, each
 * only when some version logged it or a gate checks it.
 */
function metricColumns(
  registry: RegistryView,
  model?: Pick<ModelEntityV1alpha1, 'spec'>,
): string[] {
  const gated = new Set(
    registry.versions.flatMap(v => v.gates.map(g => g.metric)),
  );
  const logged = new Set(
    registry.versions.flatMap(v => Object.keys(v.metrics)),
  );
  const listed = (model?.spec.metrics ?? []).map(m => m.name);
  return [...new Set([...listed, ...gated])].filter(
    name => gated.has(name) || logged.has(name),
  );
}

/** Why a version cannot be promoted now, or undefined when it can. */
function promoteBlocked(
  props: VersionsTableProps,
  version: ModelVersionSummary,
): string | undefined {
  if (!props.canPromote) {
    return props.promoteDeniedReason;
  }
  if (version.status !== 'READY') {
    return `v${version.version} is ${version.status}; only a READY version can be promoted`;
  }
  const failures = version.gates
    .filter(g => !g.passed)
    .map(g => describeGate(g, props.model).failure);
  if (failures.length > 0) {
    return `v${version.version} fails ${failures.length} quality gate${
      failures.length === 1 ? '' : 's'
    }: ${failures.join('; ')}`;
  }
  return undefined;
}

/**
 * Every version, newest first, with its aliases, the Model's metrics (display names, units), whether it passes
 * the quality gates, and a Promote button that is disabled, saying why, when the backend would refuse.
 *
 * Fits the tab at 1440×900 without scrolling: the registry status is shown beside the version only when it is
 * not READY instead of in a column of its own, and metric headers wrap between words.
 */
export function VersionsTable(props: VersionsTableProps) {
  const { registry, model } = props;
  const metrics = metricColumns(registry, model);
  const columns: TableColumn<ModelVersionSummary>[] = [
    {
      title: 'Version',
      cellStyle: nowrap,
      render: v => (
        <>
          <strong>v{v.version}</strong>
          {v.status !== 'READY' && (
            <Typography variant="caption" display="block">
              {v.status.toLocaleLowerCase('en-US').replace(/_/g, ' ')}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Aliases',
      cellStyle: nowrap,
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
    ...metrics.map((name): TableColumn<ModelVersionSummary> => {
      const { title, unit, higherIsBetter } = metricDisplay(model, name);
      return {
        title: (
          <Tooltip
            title={`${name}${unit ? ` in ${unit}` : ''}; ${
              higherIsBetter ? 'higher' : 'lower'
            } is better`}
          >
            <span>{title}</span>
          </Tooltip>
        ),
        // Backstage's Table upper-cases headers; a metric's name is shown as the Model spells it.
        headerStyle: { textTransform: 'none' },
        cellStyle: nowrap,
        render: v => {
          const failing = v.gates.filter(g => g.metric === name && !g.passed);
          const text = formatMetricValue(v.metrics[name], unit);
          return failing.length === 0 ? (
            text
          ) : (
            <Typography
              variant="inherit"
              color="error"
              title={failing
                .map(g => describeGate(g, model).failure)
                .join('; ')}
            >
              {text}
            </Typography>
          );
        },
      };
    }),
    {
      title: 'Gates',
      cellStyle: nowrap,
      render: v => {
        const failed = v.gates.filter(g => !g.passed);
        return failed.length === 0 ? (
          <StatusOK>pass</StatusOK>
        ) : (
          <Tooltip
            title={failed.map(g => describeGate(g, model).failure).join('; ')}
          >
            <span>
              <StatusError>fail ({failed.length})</StatusError>
            </span>
          </Tooltip>
        );
      },
    },
    {
      title: 'Created',
      cellStyle: nowrap,
      render: v => (
        <span
          title={`${new Date(v.createdAt).toLocaleString()}${
            v.createdBy ? ` by ${v.createdBy}` : ''
          }`}
        >
          {new Date(v.createdAt).toLocaleDateString()}
        </span>
      ),
    },
    {
      title: '',
      align: 'right',
      cellStyle: nowrap,
      render: v => {
        const blocked = promoteBlocked(props, v);
        return (
          <Tooltip title={blocked ?? ''}>
            <span>
              <Button
                size="small"
                color="primary"
                variant="outlined"
                style={nowrap}
                disabled={Boolean(blocked)}
                onClick={() => props.onPromote(v)}
                aria-label={`Promote version ${v.version}`}
              >
                Promote
              </Button>
            </span>
          </Tooltip>
        );
      },
    },
  ];
  return (
    <Table<ModelVersionSummary>
      title={`Versions of ${registry.registeredModel.name} (${registryTitle(
        model?.spec.registry?.provider,
      )} ${registry.instance})`}
      options={{
        paging: registry.versions.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={registry.versions}
    />
  );
}
