/** A share (0..1) as a percentage with two decimals; a dash when unknown. */
export const percent = (v?: number) =>
  v === undefined ? '—' : `${(v * 100).toFixed(2)}%`;

/** Seconds as whole milliseconds; a dash when unknown. */
export const milliseconds = (v?: number) =>
  v === undefined ? '—' : `${Math.round(v * 1000)} ms`;

/** A span of seconds in words a person reads at a glance: `45 s`, `12 min`, `3 h 5 min`, `2 d 8 h`. */
export const span = (seconds?: number) => {
  if (seconds === undefined) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) {
    const m = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ''}`;
  }
  const h = Math.floor((s % 86_400) / 3600);
  return `${Math.floor(s / 86_400)} d${h ? ` ${h} h` : ''}`;
};

/** What people call a Model's registry (`spec.registry.provider`): `MLflow`, `Kubeflow Model Registry`, or the provider as written. */
export const registryTitle = (provider?: string) => {
  switch (provider) {
    case undefined:
      return 'registry';
    case 'mlflow':
      return 'MLflow';
    case 'kubeflow-model-registry':
      return 'Kubeflow Model Registry';
    default:
      return provider;
  }
};
