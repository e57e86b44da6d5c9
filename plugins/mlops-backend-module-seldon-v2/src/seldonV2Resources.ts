import { MODEL_VERSION_KEY } from '@mlops-portal/plugin-mlops-node';
import { SeldonV2Object, SeldonV2Objects } from './SeldonV2Objects';

export type Model = SeldonV2Object & {
  spec: { storageUri: string; replicas?: number; [field: string]: unknown };
  status?: SeldonV2Object['status'] & {
    replicas?: number;
    availableReplicas?: number;
  };
};

export type Candidate = { name: string; weight: number };

export type Experiment = SeldonV2Object & {
  spec: {
    default?: string;
    candidates: Candidate[];
    mirror?: { name: string; percent: number };
    [field: string]: unknown;
  };
};

/** The Seldon objects a rollout reads and writes: the Models and the Experiments. */
export type SeldonV2Rollout = {
  models: SeldonV2Objects<Model>;
  experiments: SeldonV2Objects<Experiment>;
};

export const API_VERSION = 'mlops.seldon.io/v1alpha1';

/** The Experiment a rollout drives: `default` is the stable Model, so its endpoint carries the split. */
export const experimentName = (stable: string) => `${stable}-rollout`;

/** The Model mirroring the stable one's traffic in a shadow rollout. */
export const shadowName = (stable: string) => `${stable}-shadow`;

/**
 * The Model serving a canary version. One per version, not one reused: Seldon's operator writes no
 * `observedGeneration`, so a Model updated to another version would go on showing the previous version's
 * `ModelReady` until the scheduler reports; a new object has no status until it does. And a deleted Model lingers
 * behind Seldon's finalizer until unloaded, so the next version's name must differ.
 */
export const candidateName = (stable: string, version: string) =>
  `${stable}-canary-${
    version
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'v'
  }`;

export const versionOf = (object?: SeldonV2Object) =>
  object?.metadata.annotations?.[MODEL_VERSION_KEY] ??
  object?.metadata.labels?.[MODEL_VERSION_KEY];
