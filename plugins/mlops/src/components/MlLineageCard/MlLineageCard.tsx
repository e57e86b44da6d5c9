import { Fragment } from 'react';
import {
  CompoundEntityRef,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import { MlLineageRow, useMlLineage } from './useMlLineage';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'stretch',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  stage: {
    flex: 1,
    minWidth: 0,
    padding: theme.spacing(1, 1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  current: {
    borderColor: theme.palette.primary.main,
    borderWidth: 2,
  },
  link: {
    alignSelf: 'center',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    color: theme.palette.text.secondary,
    whiteSpace: 'nowrap',
  },
}));

/** Each stage, with the words on the arrow that leads into it from the stage before. */
const stages: {
  title: string;
  refs: (row: MlLineageRow) => CompoundEntityRef[];
  arrow?: string;
}[] = [
  { title: 'Feature views', refs: row => row.featureViews },
  { title: 'Pipeline', refs: row => row.pipelines, arrow: 'feed' },
  { title: 'Model', refs: row => [row.model], arrow: 'trains' },
  { title: 'Serving', refs: row => row.servedBy, arrow: 'served by' },
];

function LineageStage(props: {
  title: string;
  refs: CompoundEntityRef[];
  currentRef: string;
}) {
  const classes = useStyles();
  const isCurrent = props.refs.some(
    ref => stringifyEntityRef(ref) === props.currentRef,
  );
  return (
    <Box
      className={`${classes.stage} ${isCurrent ? classes.current : ''}`}
      aria-label={props.title}
      role="group"
    >
      <Typography variant="overline" color="textSecondary">
        {props.title}
      </Typography>
      {props.refs.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          none
        </Typography>
      ) : (
        props.refs.map(ref => (
          <Typography variant="body2" key={stringifyEntityRef(ref)}>
            <EntityRefLink entityRef={ref} />
          </Typography>
        ))
      )}
    </Box>
  );
}

/**
 * Lineage of the current Model, or of the Models a Pipeline trains, a FeatureView feeds or a Component serves:
 * feature views → pipeline → model → serving component, with words on the arrows.
 *
 * @public
 */
export function MlLineageCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const { value: rows, loading, error } = useMlLineage(entity);
  const currentRef = stringifyEntityRef(getCompoundEntityRef(entity));

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!rows?.length) {
    content = (
      <Typography variant="body2">
        No model in the catalog is linked to this entity yet.
      </Typography>
    );
  } else {
    content = rows.map(row => (
      <div className={classes.row} key={stringifyEntityRef(row.model)}>
        {stages.map(stage => (
          <Fragment key={stage.title}>
            {stage.arrow && (
              <div className={classes.link}>
                <ArrowForwardIcon aria-hidden />
                <Typography variant="caption">{stage.arrow}</Typography>
              </div>
            )}
            <LineageStage
              title={stage.title}
              refs={stage.refs(row)}
              currentRef={currentRef}
            />
          </Fragment>
        ))}
      </div>
    ));
  }

  return <InfoCard title="ML lineage">{content}</InfoCard>;
}
