import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import LockIcon from '@material-ui/icons/Lock';
import { RegistryView } from '@mlops-portal/plugin-mlops-common';

/** @public */
export interface AliasSummaryProps {
  registry: RegistryView;
  canRollback: boolean;
  rollbackDeniedReason: string;
  onRollback(alias: string): void;
}

/** Which version each alias points at, since when and who moved it, with a rollback per alias. */
export function AliasSummary(props: AliasSummaryProps) {
  return (
    <InfoCard title="Aliases">
      <Table size="small" aria-label="Aliases">
        <TableHead>
          <TableRow>
            <TableCell>Alias</TableCell>
            <TableCell>Version</TableCell>
            <TableCell>Since</TableCell>
            <TableCell>Moved by</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {props.registry.aliases.map(alias => (
            <TableRow key={alias.alias}>
              <TableCell>
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
              <TableCell>v{alias.version}</TableCell>
              <TableCell>
                {alias.movedAt
                  ? new Date(alias.movedAt).toLocaleString()
                  : 'set outside the portal'}
              </TableCell>
              <TableCell>
                {alias.movedBy ? (
                  <EntityRefLink entityRef={alias.movedBy} defaultKind="user" />
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell align="right">
                <Tooltip
                  title={props.canRollback ? '' : props.rollbackDeniedReason}
                >
                  <span>
                    <Button
                      size="small"
                      disabled={!props.canRollback || !alias.promotionId}
                      onClick={() => props.onRollback(alias.alias)}
                    >
                      Roll back
                    </Button>
                  </span>
                </Tooltip>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
