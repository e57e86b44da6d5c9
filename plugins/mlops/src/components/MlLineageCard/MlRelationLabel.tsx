import { makeStyles } from '@material-ui/core/styles';
import { mlRelationWords } from './mlRelationWords';

const useStyles = makeStyles(theme => ({
  text: { fill: theme.palette.text.primary, fontSize: '0.8rem' },
}));

/**
 * An edge label of the catalog graph in words (`reads features from`, `trained by`, `served by`) instead of the
 * relation pair (`consumesFeatures / featuresConsumedBy`). Pass it as the graph's `renderLabel`; the raw relations
 * stay in the label's tooltip.
 *
 * @public
 */
export function MlRelationLabel(props: {
  edge: { from: string; to: string; relations: string[] };
}) {
  const classes = useStyles();
  return (
    <text className={classes.text} textAnchor="middle">
      <title>{props.edge.relations.join(' / ')}</title>
      {mlRelationWords(props.edge)}
    </text>
  );
}
