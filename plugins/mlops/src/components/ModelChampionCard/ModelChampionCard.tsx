import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  AliasState,
  CHAMPION_ALIAS,
  formatMetricValue,
  metricDisplay,
  ModelEntityV1alpha1,
  ModelVersionSummary,
} from '@mlops-portal/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../../api/MlopsApi';
import { span } from '../format';
import { keyMetrics } from './keyMetrics';

/** The alias the Deployment tab rolls out; the champion card shows it beside the champion. */
const CHALLENGER_ALIAS = 'challenger';

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto', marginTop: theme.spacing(1) },
  cell: { whiteSpace: 'nowrap', wordBreak: 'normal' },
  better: { color: theme.palette.success?.main ?? theme.palette.primary.main },
  worse: { color: theme.palette.error.main },
}));

function Since(props: { alias?: AliasState }) {
  const { alias } = props;
  if (!alias) return null;
  if (!alias.movedAt) {
    return (
      <Typography variant="body2" color="textSecondary">
        set outside the portal, so its promotion history does not say since when
      </Typography>
    );
  }
  const ago = (Date.now() - Date.parse(alias.movedAt)) / 1000;
  return (
    <Typography variant="body2" color="textSecondary">
      since {new Date(alias.movedAt).toLocaleString()} ({span(ago)} ago)
      {alias.movedBy && (
        <>
          , promoted by <EntityRefLink entityRef={alias.movedBy} />
        </>
      )}
    </Typography>
  );
}

/** The challenger's value against the champion's, in the metric's own direction. */
function Comparison(props: {
  champion?: number;
  challenger?: number;
  higherIsBetter: boolean;
}) {
  const classes = useStyles();
  const { champion, challenger, higherIsBetter } = props;
  if (champion === undefined || challenger === undefined) return null;
  if (champion === challenger) return <> (same)</>;
  const better = higherIsBetter ? challenger > champion : challenger < champion;
  return (
    <span className={better ? classes.better : classes.worse}>
      {better ? ' ▲ better' : ' ▼ worse'}
    </span>
  );
}

/**
 * The version a Model serves as champion, since when and by whose promotion (the portal's promotion history),
 * its key metrics by their display names and units, and the challenger beside it with which way each metric
 * moves; links to the Registry tab (`registryPath`, default `registry`, relative to the entity page).
 *
 * @public
 */
export function ModelChampionCard(props: { registryPath?: string }) {
  const classes = useStyles();
  const { entity } = useEntity<ModelEntityV1alpha1>();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(mlopsApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const ref = getCompoundEntityRef(entity);
  // Lower-cased as the catalog's own links are, so the entity page's route matches.
  const registryLink = `${entityRoute({
    kind: ref.kind.toLocaleLowerCase('en-US'),
    namespace: ref.namespace.toLocaleLowerCase('en-US'),
    name: ref.name,
  })}/${props.registryPath ?? 'registry'}`;
  const { value, loading, error } = useAsync(
    () => api.getRegistry(entityRef),
    [api, entityRef],
  );

  const deepLink = {
    title: 'Versions, promotion and history',
    link: registryLink,
  };
  if (loading) {
    return (
      <InfoCard title="Champion" deepLink={deepLink}>
        <Progress />
      </InfoCard>
    );
  }
  if (error || !value) {
    return (
      <InfoCard title="Champion" deepLink={deepLink}>
        <ResponseErrorPanel error={error ?? new Error('No registry answer')} />
      </InfoCard>
    );
  }

  const alias = (name: string) => value.aliases.find(a => a.alias === name);
  const version = (a?: AliasState): ModelVersionSummary | undefined =>
    a && value.versions.find(v => v.version === a.version);
  const champion = alias(CHAMPION_ALIAS);
  const challenger = alias(CHALLENGER_ALIAS);
  const championVersion = version(champion);
  const challengerVersion =
    challenger && challenger.version !== champion?.version
      ? version(challenger)
      : undefined;
  const metrics = keyMetrics(entity, [championVersion, challengerVersion]);

  return (
    <InfoCard title="Champion" deepLink={deepLink}>
      {champion ? (
        <Box>
          <Typography variant="h6" component="p">
            v{champion.version} is champion
          </Typography>
          <Since alias={champion} />
          {challengerVersion && challenger && (
            <Box mt={1}>
              <Typography variant="body1">
                Challenger: v{challenger.version}
              </Typography>
              <Since alias={challenger} />
            </Box>
          )}
        </Box>
      ) : (
        <Typography variant="body1">
          No version is champion yet. Promote one on the{' '}
          <Link to={registryLink}>Registry tab</Link>.
        </Typography>
      )}
      {metrics.length > 0 && (championVersion || challengerVersion) && (
        <div className={classes.scroll}>
          <Table size="small" aria-label="Key metrics">
            <TableHead>
              <TableRow>
                <TableCell className={classes.cell}>Metric</TableCell>
                {championVersion && (
                  <TableCell className={classes.cell} align="right">
                    Champion v{championVersion.version}
                  </TableCell>
                )}
                {challengerVersion && (
                  <TableCell className={classes.cell} align="right">
                    Challenger v{challengerVersion.version}
                  </TableCell>
                )}
              </TableRow>
            </TableHead>
            <TableBody>
              {metrics.map(name => {
                const display = metricDisplay(entity, name);
                return (
                  <TableRow key={name}>
                    <TableCell className={classes.cell} title={name}>
                      {display.title}
                    </TableCell>
                    {championVersion && (
                      <TableCell className={classes.cell} align="right">
                        {formatMetricValue(
                          championVersion.metrics[name],
                          display.unit,
                        )}
                      </TableCell>
                    )}
                    {challengerVersion && (
                      <TableCell className={classes.cell} align="right">
                        {formatMetricValue(
                          challengerVersion.metrics[name],
                          display.unit,
                        )}
                        <Comparison
                          champion={championVersion?.metrics[name]}
                          challenger={challengerVersion.metrics[name]}
                          higherIsBetter={display.higherIsBetter}
                        />
                      </TableCell>
                    )}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </InfoCard>
  );
}
