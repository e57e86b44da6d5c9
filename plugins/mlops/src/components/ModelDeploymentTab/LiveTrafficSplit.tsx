import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { LiveServing } from '@mlops-portal/plugin-mlops-common';

/** A served version as people say it: `v4`, or that the serving object does not say which. */
export const versionText = (version?: string) =>
  version ? `v${version}` : 'an unlabelled version';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    height: 24,
    borderRadius: 4,
    overflow: 'hidden',
    background: theme.palette.action.disabledBackground,
  },
  mirror: {
    height: 8,
    marginTop: 4,
    borderRadius: 4,
    background: `repeating-linear-gradient(45deg, ${theme.palette.info.main}, ${theme.palette.info.main} 6px, transparent 6px, transparent 12px)`,
  },
  stable: { background: theme.palette.primary.main },
  canary: { background: theme.palette.warning.main },
  shadow: { background: theme.palette.info.main },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    borderRadius: 2,
    marginRight: 6,
    verticalAlign: 'middle',
  },
}));

/**
 * Which version serves what share, as a stacked bar with a legend: stable and canary side by side, a shadow as a
 * striped line under them (it gets a copy of every request, not a share).
 */
export function LiveTrafficSplit(props: { split: LiveServing['split'] }) {
  const classes = useStyles();
  const { stable, canary, shadow } = props.split;
  const shares = [
    {
      key: 'stable',
      text: `Stable ${versionText(stable.version)}: ${stable.weight}%`,
      weight: stable.weight,
      className: classes.stable,
    },
    ...(canary
      ? [
          {
            key: 'canary',
            text: `Canary ${versionText(canary.version)}: ${canary.weight}%`,
            weight: canary.weight,
            className: classes.canary,
          },
        ]
      : []),
  ];
  const mirrored =
    shadow && `Shadow ${versionText(shadow.version)}: a copy of every request`;
  return (
    <div>
      <div
        role="img"
        aria-label={`Traffic split: ${[
          ...shares.map(s => s.text),
          ...(mirrored ? [mirrored] : []),
        ].join(', ')}`}
      >
        <div className={classes.bar}>
          {shares.map(s => (
            <div
              key={s.key}
              className={s.className}
              style={{ width: `${s.weight}%` }}
            />
          ))}
        </div>
        {mirrored && <div className={classes.mirror} />}
      </div>
      <div className={classes.legend}>
        {shares.map(s => (
          <Typography key={s.key} variant="body2" component="span">
            <span className={`${classes.swatch} ${s.className}`} />
            {s.text}
          </Typography>
        ))}
        {mirrored && (
          <Typography variant="body2" component="span">
            <span className={`${classes.swatch} ${classes.shadow}`} />
            {mirrored}
          </Typography>
        )}
      </div>
    </div>
  );
}
