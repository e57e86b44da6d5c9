import { useApi } from '@backstage/core-plugin-api';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import {
  ModelEntityV1alpha1,
  ModelVersionSummary,
  PromotionRecord,
  RegistryView,
} from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import { mlopsApiRef, QualityGatesFailedError } from '../../api/MlopsApi';
import { GateList } from './GateList';
import { ReasonDialog } from './ReasonDialog';

/** @public */
export interface PromoteDialogProps {
  entityRef: string;
  registry: RegistryView;
  /** The Model, for its metrics' display names and units. */
  model?: Pick<ModelEntityV1alpha1, 'spec'>;
  version?: ModelVersionSummary;
  onClose(): void;
  onDone(record: PromotionRecord): void;
}

/**
 * Points an alias at a version. Shows the version's gates first, each with the bound the backend will check
 * (for a regression gate, computed from the champion's value, e.g. "F1 ≥ 0.7505"); sends where the alias pointed
 * when the page loaded, so a move by someone else meanwhile is refused instead of overwritten.
 */
export function PromoteDialog(props: PromoteDialogProps) {
  const api = useApi(mlopsApiRef);
  const aliasNames = [
    ...new Set([
      ...props.registry.aliases.map(a => a.alias),
      'champion',
      'challenger',
    ]),
  ];
  const [alias, setAlias] = useState('challenger');
  const [gates, setGates] = useState(props.version?.gates ?? []);
  const current = props.registry.aliases.find(a => a.alias === alias);
  const isProtected = props.registry.protectedAliases.includes(alias);
  // A protected alias of a Model in pull-request mode moves through a pull request against its alias file.
  const viaPullRequest =
    isProtected && props.model?.spec.registry?.changeVia === 'pull-request';

  return (
    <ReasonDialog
      open={Boolean(props.version)}
      title={`Promote version ${props.version?.version}`}
      label="Reason"
      submitLabel={submitLabel(isProtected, viaPullRequest)}
      onClose={props.onClose}
      onSubmit={async reason => {
        try {
          props.onDone(
            await api.promote(props.entityRef, {
              alias,
              version: props.version!.version,
              reason,
              expectedCurrentVersion: current?.version ?? null,
            }),
          );
        } catch (error) {
          if (error instanceof QualityGatesFailedError) {
            setGates(error.gates);
          }
          throw error;
        }
      }}
    >
      <FormControl fullWidth margin="normal">
        <InputLabel htmlFor="mlops-promote-alias">Alias</InputLabel>
        <Select
          native
          inputProps={{ id: 'mlops-promote-alias' }}
          value={alias}
          onChange={e => setAlias(e.target.value as string)}
        >
          {aliasNames.map(name => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      </FormControl>
      <Typography variant="body2" gutterBottom>
        {current
          ? `${alias} points at version ${current.version} now.`
          : `${alias} is not set yet.`}{' '}
        {viaPullRequest &&
          'It is protected and this model moves it through Git: the portal opens a pull request against its alias file; the review is the approval, and CI moves the alias once it is merged.'}
        {isProtected &&
          !viaPullRequest &&
          'It is protected: a second person must approve the move.'}
        {!isProtected && 'The move happens at once.'}
      </Typography>
      <GateList gates={gates} model={props.model} />
    </ReasonDialog>
  );
}

/** What submitting does: opens a pull request, asks for approval, or moves the alias at once. */
function submitLabel(isProtected: boolean, viaPullRequest: boolean): string {
  if (viaPullRequest) return 'Open pull request';
  return isProtected ? 'Request approval' : 'Promote';
}
