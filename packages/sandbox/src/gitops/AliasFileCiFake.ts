/*
 * DEMO STAND-IN / TEST DOUBLE: the CI job that applies an alias file (`deploy/aliases.yaml`) to the model
 * registry, for the sandbox only. It follows one file on one branch of a repository in the GitHub stand-in; once
 * the branch's head has been new for `delayMs`, it reads the file at that head and points every alias of every
 * model at its version: in the MLflow stand-in (`registry: mlflow`) through MLflow's own
 * `POST /registered-models/alias` (so MLflow's webhooks fire as for any alias move), in the Kubeflow Model
 * Registry stand-in (`registry: kubeflow-model-registry`) as the portal keeps aliases there, the registered
 * model's custom property `mlops.alias.<alias>` holding the version's id, PATCHed with the rest of its map.
 * Aliases the file does not name are left alone. Promotions in the portal's pull-request mode are applied this
 * way once merged.
 */
import { parse } from 'yaml';
import { GitHubFake } from '../github/GitHubFake';
import { MlflowFake } from '../mlflow/MlflowFake';
import { ModelRegistryFake } from '../modelRegistry/ModelRegistryFake';

export type AliasFileCiSpec = {
  /** The repository in the GitHub stand-in, `owner/name`. */
  repo: string;
  branch: string;
  path: string;
};

/** Where one alias should point, as the file says. */
type Wanted = { model: string; alias: string; version: string };

export class AliasFileCiFake {
  private seenHead?: string;
  private seenAt?: number;
  private appliedHead?: string;
  /** What the last run did, for tests and the demo's curious: each alias set, and anything refused. */
  readonly runs: { head: string; applied: Wanted[]; errors: string[] }[] = [];

  constructor(
    private readonly github: GitHubFake,
    private readonly mlflow: MlflowFake,
    private readonly spec: AliasFileCiSpec,
    /** How long a new head waits before CI applies it (the demo's pipeline run). */
    public delayMs = 3000,
    /** Told of each MLflow alias moved, e.g. to send MLflow's webhook for it. */
    private readonly onAliasSet?: (move: Wanted) => void,
    /** The Kubeflow Model Registry stand-in and its bearer token, for `registry: kubeflow-model-registry`. */
    private readonly modelRegistry?: { fake: ModelRegistryFake; token: string },
  ) {
    // What the registry holds at the start is not owed a run.
    this.appliedHead = github.head(spec.repo, spec.branch);
  }

  /** Notices a new head and applies the file once its delay has passed. */
  tick(now = Date.now()) {
    const head = this.github.head(this.spec.repo, this.spec.branch);
    if (head && head !== this.seenHead) {
      this.seenHead = head;
      this.seenAt = now;
    }
    if (
      this.seenHead &&
      this.seenHead !== this.appliedHead &&
      now - (this.seenAt ?? now) >= this.delayMs
    ) {
      this.apply(this.seenHead);
    }
  }

  private apply(head: string) {
    this.appliedHead = head;
    const run = { head, applied: [] as Wanted[], errors: [] as string[] };
    this.runs.push(run);
    const text = this.github.file(this.spec.repo, head, this.spec.path);
    if (text === undefined) return; // no alias file (yet): nothing to apply
    let models: Record<string, any>;
    try {
      models = parse(text)?.models ?? {};
    } catch (error) {
      run.errors.push(`${this.spec.path}: ${(error as Error).message}`);
      return;
    }
    for (const [model, entry] of Object.entries(models)) {
      const registry = entry?.registry ?? 'mlflow';
      for (const [alias, version] of Object.entries(entry?.aliases ?? {})) {
        const wanted = { model, alias, version: String(version) };
        if (registry === 'kubeflow-model-registry') {
          const error = this.applyToModelRegistry(wanted);
          if (error) run.errors.push(error);
          else run.applied.push(wanted);
          continue;
        }
        if (registry !== 'mlflow') {
          run.errors.push(`${model}: no stand-in for registry '${registry}'`);
          continue;
        }
        if (this.mlflow.getAlias(model, alias) === wanted.version) continue;
        const answer = this.mlflow.handle({
          method: 'POST',
          path: '/registered-models/alias',
          query: new URLSearchParams(),
          contentType: 'application/json',
          body: JSON.stringify({ name: model, alias, version: wanted.version }),
        });
        if (answer.status === 200) {
          run.applied.push(wanted);
          this.onAliasSet?.(wanted);
        } else {
          run.errors.push(
            `${model} ${alias} → ${wanted.version}: ${answer.status} ${answer.body}`,
          );
        }
      }
    }
  }

  /** Sets `mlops.alias.<alias>` on the registered model (already there: nothing); an error in words, if any. */
  private applyToModelRegistry(wanted: Wanted): string | undefined {
    if (!this.modelRegistry)
      return `${wanted.model}: no Model Registry stand-in`;
    const { fake, token } = this.modelRegistry;
    const model = fake.registeredModel(wanted.model);
    if (!model) return `${wanted.model}: not in the Model Registry`;
    const key = `mlops.alias.${wanted.alias}`;
    const properties = (model.customProperties ?? {}) as Record<string, any>;
    if (properties[key]?.string_value === wanted.version) return undefined;
    const answer = fake.handle({
      method: 'PATCH',
      path: `/registered_models/${model.id}`,
      query: new URLSearchParams(),
      authorization: `Bearer ${token}`,
      body: JSON.stringify({
        customProperties: {
          ...properties,
          [key]: {
            metadataType: 'MetadataStringValue',
            string_value: wanted.version,
          },
        },
      }),
    });
    return answer.status === 200
      ? undefined
      : `${wanted.model} ${wanted.alias} → ${wanted.version}: ${answer.status}`;
  }
}
