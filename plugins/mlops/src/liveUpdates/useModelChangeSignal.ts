import {
  ModelChangeSignal,
  modelSignalChannel,
} from '@mlops-portal/plugin-mlops-common';
import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';

/**
 * Calls `onChange` whenever the mlops backend signals that the Model's promotions, approvals or rollouts changed
 * (channel `mlops:model:<entityRef>`). Returns whether signals are connected at all (the app has the signals
 * plugin): without them, the page must poll.
 */
export function useModelChangeSignal(
  entityRef: string,
  onChange: (signal: ModelChangeSignal) => void,
): { signalsAvailable: boolean } {
  const { lastSignal, isSignalsAvailable } = useSignal<ModelChangeSignal>(
    modelSignalChannel(entityRef),
  );
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    if (lastSignal) latest.current(lastSignal);
  }, [lastSignal]);
  return { signalsAvailable: isSignalsAvailable };
}
