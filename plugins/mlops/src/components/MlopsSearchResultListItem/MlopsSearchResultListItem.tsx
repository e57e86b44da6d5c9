import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import {
  MLOPS_SEARCH_TYPE,
  MlopsSearchDocument,
} from '@mlops-portal/plugin-mlops-common';
import { HealthStatusLight } from '../ModelHealthCard/HealthStatusLight';
import { InlineStatus } from '../InlineStatus';

/** How many of a FeatureView's features the result names before "and N more". */
const SHOWN_FEATURES = 8;

const useStyles = makeStyles(
  theme => ({
    item: { display: 'flex' },
    body: { flexWrap: 'wrap', width: '100%' },
    itemText: {
      width: '100%',
      wordBreak: 'break-word',
      marginBottom: theme.spacing(1),
    },
    facts: { marginBottom: theme.spacing(1) },
    chips: {
      '& > *': {
        marginRight: theme.spacing(0.5),
        marginBottom: theme.spacing(0.5),
      },
    },
  }),
  { name: 'MlopsSearchResultListItem' },
);

/**
 * Props of {@link MlopsSearchResultListItem}, as `SearchResult` passes them to a result item.
 *
 * @public
 */
export type MlopsSearchResultListItemProps = {
  result?: SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode;
  /** Lines of text shown before it is cut (default 3). */
  lineClamp?: number;
};

/** Whether a search result is one the MLOps collator indexed (type `mlops`). @public */
export function isMlopsSearchResult(result: { type: string }): boolean {
  return result.type === MLOPS_SEARCH_TYPE;
}

function ownerName(ref: string) {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'group' });
  } catch {
    return ref;
  }
}

function VersionFacts(props: {
  alias: string;
  version: string;
  metrics: string[];
}) {
  return (
    <Typography variant="body2" component="div">
      <strong>
        {props.alias} v{props.version}
      </strong>
      {props.metrics.length ? ` · ${props.metrics.join(' · ')}` : ''}
    </Typography>
  );
}

function ModelFacts({ doc }: { doc: MlopsSearchDocument }) {
  return (
    <>
      {doc.championVersion ? (
        <VersionFacts
          alias="Champion"
          version={doc.championVersion}
          metrics={doc.championMetrics}
        />
      ) : (
        <Typography variant="body2" color="textSecondary">
          No champion known
        </Typography>
      )}
      {doc.challengerVersion && (
        <VersionFacts
          alias="Challenger"
          version={doc.challengerVersion}
          metrics={doc.challengerMetrics}
        />
      )}
      <Typography variant="body2" component="div">
        Health:{' '}
        {doc.health ? (
          <InlineStatus>
            <HealthStatusLight status={doc.health} />
          </InlineStatus>
        ) : (
          <Typography variant="body2" component="span" color="textSecondary">
            not known
          </Typography>
        )}
      </Typography>
      {doc.featureViewTitles.length > 0 && (
        <Typography variant="body2">
          Feature views: {doc.featureViewTitles.join(', ')}
        </Typography>
      )}
    </>
  );
}

function FeatureViewFacts({ doc }: { doc: MlopsSearchDocument }) {
  const shown = doc.features.slice(0, SHOWN_FEATURES);
  const more = doc.features.length - shown.length;
  return (
    <Typography variant="body2">
      Features: {shown.join(', ')}
      {more > 0 ? ` and ${more} more` : ''}
    </Typography>
  );
}

/**
 * A search result of type `mlops`: a Model with its champion, challenger, key metrics and health, a FeatureView
 * with its features, or a Pipeline, each with its kind, framework, type, lifecycle and owner. Use it inside
 * `SearchResult` (through the {@link MlopsSearchResultListItem} extension of the plugin).
 *
 * @public
 */
export function MlopsSearchResultListItem(
  props: MlopsSearchResultListItemProps,
) {
  const classes = useStyles();
  const doc = props.result as MlopsSearchDocument | undefined;
  const { highlight } = props;
  if (!doc) {
    return null;
  }
  const highlighted = (field: 'title' | 'text', plain: string) =>
    highlight?.fields[field] ? (
      <HighlightedSearchResultText
        text={highlight.fields[field]}
        preTag={highlight.preTag}
        postTag={highlight.postTag}
      />
    ) : (
      plain
    );
  return (
    <div
      className={classes.item}
      data-testid={`mlops-search-result-${doc.entityRef}`}
    >
      {props.icon && <ListItemIcon>{props.icon}</ListItemIcon>}
      <div className={classes.body}>
        <ListItemText
          className={classes.itemText}
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={doc.location}>
              {highlighted('title', doc.title)}
            </Link>
          }
          secondary={
            <Typography
              component="span"
              variant="body2"
              color="textSecondary"
              style={{
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: props.lineClamp ?? 3,
                overflow: 'hidden',
              }}
            >
              {highlighted('text', doc.text)}
            </Typography>
          }
        />
        <Box className={classes.facts}>
          {doc.kind === 'Model' && <ModelFacts doc={doc} />}
          {doc.kind === 'FeatureView' && <FeatureViewFacts doc={doc} />}
        </Box>
        <Box className={classes.chips}>
          <Chip label={`Kind: ${doc.kind}`} size="small" />
          {doc.framework && (
            <Chip label={`Framework: ${doc.framework}`} size="small" />
          )}
          {doc.type && <Chip label={`Type: ${doc.type}`} size="small" />}
          {doc.lifecycle && (
            <Chip label={`Lifecycle: ${doc.lifecycle}`} size="small" />
          )}
          {doc.owner && (
            <Chip label={`Owner: ${ownerName(doc.owner)}`} size="small" />
          )}
        </Box>
      </div>
    </div>
  );
}
