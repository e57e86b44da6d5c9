import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import LockIcon from '@material-ui/icons/Lock';
import {
  AliasState,
  PromotionRecord,
  RegistryView,
} from '@mlops-portal/plugin-mlops-common';
import { rollbackTarget } from './rollbackTarget';

/** @public */
export interface AliasSummaryProps {
  registry: RegistryView;
  /** The promotion history: where a rollback of each alias would return to, and whether a request holds it. */
  history: PromotionRecord[];
  canRollback: boolean;
  rollbackDeniedReason: string;
  onRollback(alias: AliasState, toVersion: string): void;
}

// The card is about half the tab wide: cells keep their words whole and the table scrolls inside the card rather
// than overflow it.
const useStyles = makeStyles(theme => ({
  container: { overflowX: 'auto' },
  cell: {
    whiteSpace: 'nowrap',
    padding: theme.spacing(0.75, 1),
  },
}));

/** A time short enough for a half-width card: day, month, year, hours and minutes in the reader's locale. */
const shortTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

/**
 * Which version each alias points at, since when and who moved it (by their catalog name), with a rollback per
 * alias that names the version it returns to, or says why there is none.
 */
export function AliasSummary(props: AliasSummaryProps) {
  const classes = useStyles();
  const cell = { root: classes.cell };
  return (
    <InfoCard title="Aliases">
      <div className={classes.container}>
        <Table size="small" aria-label="Aliases">
          <TableHead>
            <TableRow>
              <TableCell classes={cell}>Alias</TableCell>
              <TableCell classes={cell}>Version</TableCell>
              <TableCell classes={cell}>Since</TableCell>
              <TableCell classes={cell}>Moved by</TableCell>
              <TableCell classes={cell} />
            </TableRow>
          </TableHead>
          <TableBody>
            {props.registry.aliases.map(alias => {
              const target = rollbackTarget(alias, props.history);
              let blocked: string | undefined;
              if (!props.canRollback) {
                blocked = props.rollbackDeniedReason;
              } else if ('unavailable' in target) {
                blocked = target.unavailable;
              }
              const hint =
                blocked ??
                ('version' in target
                  ? `Points ${alias.alias} back at v${target.version}`
                  : '');
              return (
                <TableRow key={alias.alias}>
                  <TableCell classes={cell}>
                    <Chip
                      size="small"
                      color={alias.alias === 'champion' ? 'primary' : 'default'}
                      label={alias.alias}
                      icon={
                        alias.protected ? (
                          <LockIcon titleAccess="protected" />
                        ) : undefined
                      }
                    />
                  </TableCell>
                  <TableCell classes={cell}>v{alias.version}</TableCell>
                  <TableCell classes={cell}>
                    {alias.movedAt
                      ? shortTime(alias.movedAt)
                      : 'set outside the portal'}
                  </TableCell>
                  <TableCell classes={cell}>
                    {alias.movedBy ? (
                      <EntityRefLink
                        entityRef={alias.movedBy}
                        defaultKind="user"
                      />
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell classes={cell} align="right">
                    <Tooltip title={hint}>
                      <span>
                        <Button
                          size="small"
                          disabled={Boolean(blocked)}
                          aria-label={`Roll back ${alias.alias}`}
                          onClick={() =>
                            'version' in target &&
                            props.onRollback(alias, target.version)
                          }
                        >
                          Roll back
                        </Button>
                      </span>
                    </Tooltip>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </InfoCard>
  );
}
