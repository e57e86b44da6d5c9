import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  MarkdownContent,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatMetricValue,
  metricDisplay,
  ModelCard,
  ModelCardVersion,
  ModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../../api/MlopsApi';
import { describeGate } from '../ModelRegistryTab/describeGate';

const useStyles = makeStyles(theme => ({
  section: { marginBottom: theme.spacing(2) },
  scroll: { overflowX: 'auto', marginBottom: theme.spacing(2) },
  cell: { whiteSpace: 'nowrap', wordBreak: 'normal' },
}));

const lowerFirst = (title: string) =>
  title.charAt(0).toLocaleLowerCase('en-US') + title.slice(1);

/** `a, b and c` */
function listed(words: string[]): string {
  return words.length <= 1
    ? words.join('')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function Source(props: { source: ModelCard['source'] }) {
  const { source } = props;
  if (source.type === 'file') {
    const location = source.location ?? '';
    return /^https?:/.test(location) ? (
      <>
        From <Link to={location}>MODEL_CARD.md</Link>
      </>
    ) : (
      <>From MODEL_CARD.md ({location.replace(/^file:/, '')})</>
    );
  }
  if (source.type === 'spec')
    return <>From catalog-info.yaml (spec.modelCard)</>;
  return null;
}

function Missing(props: { card: ModelCard }) {
  const { card } = props;
  if (!card.missing.length) return null;
  const titles = listed(card.missing.map(m => lowerFirst(m.title)));
  const notWritten = card.missing.length === 1 ? 'is' : 'are';
  if (!card.sections.length) {
    return (
      <Typography paragraph>
        <strong>No model card yet:</strong> {titles} {notWritten} not written.
        Add a MODEL_CARD.md beside catalog-info.yaml, or spec.modelCard to the
        Model's entity.
      </Typography>
    );
  }
  return (
    <Typography paragraph color="textSecondary">
      Not written yet: {titles}.
    </Typography>
  );
}

/** The champion's and challenger's metrics, gated ones first with the gate and whether each version passes it. */
function Evaluation(props: {
  versions: ModelCardVersion[];
  entity: ModelEntityV1alpha1;
}) {
  const classes = useStyles();
  const { versions, entity } = props;
  const gated = [...new Set(versions.flatMap(v => v.gates.map(g => g.metric)))];
  const listedMetrics = (entity.spec.metrics ?? []).map(m => m.name);
  const rows = [
    ...versions
      .flatMap(v => v.gates.map(g => ({ gate: g, metric: g.metric })))
      .filter(
        (row, i, all) =>
          all.findIndex(
            o =>
              o.gate.metric === row.gate.metric &&
              o.gate.kind === row.gate.kind,
          ) === i,
      )
      .map(row => ({ ...row, key: `${row.metric}:${row.gate.kind}` })),
    ...[...new Set([...listedMetrics, ...Object.keys(versions[0].metrics)])]
      .filter(m => !gated.includes(m))
      .map(metric => ({ metric, gate: undefined, key: metric })),
  ];
  return (
    <div className={classes.scroll}>
      <Table size="small" aria-label="Evaluation">
        <TableHead>
          <TableRow>
            <TableCell>Metric</TableCell>
            <TableCell>Gate</TableCell>
            {versions.map(v => (
              <TableCell key={v.alias} className={classes.cell}>
                {v.alias} v{v.version}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => {
            const { title, unit } = metricDisplay(entity, row.metric);
            return (
              <TableRow key={row.key}>
                <TableCell className={classes.cell}>{title}</TableCell>
                <TableCell className={classes.cell}>
                  {row.gate ? describeGate(row.gate, entity).bound : ''}
                </TableCell>
                {versions.map(v => {
                  const value = formatMetricValue(v.metrics[row.metric], unit);
                  const result =
                    row.gate &&
                    v.gates.find(
                      g => g.metric === row.metric && g.kind === row.gate!.kind,
                    );
                  return (
                    <TableCell key={v.alias} className={classes.cell}>
                      {!result && value}
                      {result?.passed && <StatusOK>{value} pass</StatusOK>}
                      {result && !result.passed && (
                        <StatusError>{value} fail</StatusError>
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

function Slices(props: {
  version: ModelCardVersion;
  entity: ModelEntityV1alpha1;
}) {
  const classes = useStyles();
  const { version, entity } = props;
  const metrics = [
    ...new Set(version.slices.flatMap(s => Object.keys(s.metrics))),
  ];
  return (
    <div className={classes.scroll}>
      <Table size="small" aria-label="Per slice">
        <TableHead>
          <TableRow>
            <TableCell>Slice (v{version.version})</TableCell>
            {metrics.map(m => (
              <TableCell key={m} className={classes.cell}>
                {metricDisplay(entity, m).title}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {version.slices.map(s => (
            <TableRow key={s.slice}>
              <TableCell className={classes.cell}>{s.slice}</TableCell>
              {metrics.map(m => (
                <TableCell key={m} className={classes.cell}>
                  {formatMetricValue(
                    s.metrics[m],
                    metricDisplay(entity, m).unit,
                  )}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function TrainingRun(props: { version: ModelCardVersion }) {
  const { version } = props;
  const run = version.trainingRun;
  return (
    <li>
      {version.alias} v{version.version}:{' '}
      {!run && 'no Kubeflow run recorded (the version has no kfp_run_id tag)'}
      {run?.url && <Link to={run.url}>Kubeflow run {run.runId}</Link>}
      {run && !run.url && <>Kubeflow run {run.runId}</>}
    </li>
  );
}

function Facts(props: { card: ModelCard; entity: ModelEntityV1alpha1 }) {
  const { card, entity } = props;
  const { registry, lineage } = card.facts;
  const versions = [registry?.champion, registry?.challenger].filter(
    (v): v is ModelCardVersion => Boolean(v),
  );
  const sliced = versions.find(v => v.slices.length > 0);
  return (
    <>
      <Typography variant="h6">Evaluation results</Typography>
      {versions.length > 0 && (
        <Evaluation versions={versions} entity={entity} />
      )}
      {registry && versions.length === 0 && (
        <Typography paragraph>No version is champion yet.</Typography>
      )}
      {sliced && <Slices version={sliced} entity={entity} />}
      {card.unavailable.map(u => (
        <Typography key={u.fact} paragraph color="error">
          Could not read the {u.fact}: {u.message}
        </Typography>
      ))}
      <Typography variant="h6">Training data lineage</Typography>
      <ul>
        <li>
          Feature views: {lineage.featureViews.length === 0 && 'none declared'}
          {lineage.featureViews.map((ref, i) => (
            <span key={ref}>
              {i > 0 && ', '}
              <EntityRefLink entityRef={ref} />
            </span>
          ))}
        </li>
        <li>
          Training pipeline:{' '}
          {lineage.trainingPipeline ? (
            <EntityRefLink entityRef={lineage.trainingPipeline} />
          ) : (
            'none declared'
          )}
        </li>
        {versions.map(v => (
          <TrainingRun key={v.alias} version={v} />
        ))}
      </ul>
      <Typography variant="h6">Owners</Typography>
      <ul>
        <li>
          Owner:{' '}
          <EntityRefLink
            entityRef={parseEntityRef(card.facts.owner, {
              defaultKind: 'group',
              defaultNamespace: entity.metadata.namespace,
            })}
          />
        </li>
        {card.facts.system && (
          <li>
            System:{' '}
            <EntityRefLink
              entityRef={parseEntityRef(card.facts.system, {
                defaultKind: 'system',
                defaultNamespace: entity.metadata.namespace,
              })}
            />
          </li>
        )}
      </ul>
    </>
  );
}

/**
 * A Model's card, for its overview: the written sections (intended and out-of-scope use, training data,
 * evaluation, limitations, ethical considerations, contact and any the author added) rendered as Markdown from
 * its `MODEL_CARD.md` or `spec.modelCard`, what is not written yet, and the facts the portal reads: the champion's
 * and challenger's metrics against the quality gates, per slice, the training data lineage and the owners.
 *
 * @public
 */
export function ModelCardCard() {
  const classes = useStyles();
  const { entity } = useEntity<ModelEntityV1alpha1>();
  const api = useApi(mlopsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const {
    value: card,
    loading,
    error,
  } = useAsync(() => api.getModelCard(entityRef), [api, entityRef]);
  return (
    <InfoCard
      title="Model card"
      subheader={card ? <Source source={card.source} /> : undefined}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {card && (
        <>
          {card.source.error && (
            <Typography paragraph color="error">
              {card.source.error}
            </Typography>
          )}
          <Missing card={card} />
          {card.sections.map(section => (
            <Box key={section.title} className={classes.section}>
              <Typography variant="h6">{section.title}</Typography>
              <MarkdownContent content={section.markdown} />
            </Box>
          ))}
          <Facts card={card} entity={entity} />
        </>
      )}
    </InfoCard>
  );
}
