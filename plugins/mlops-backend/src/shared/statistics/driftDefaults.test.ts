import {
  DEFAULT_DATASET_DRIFT_SHARE,
  DEFAULT_DRIFT_METHODS,
  DRIFT_METHOD_DEFAULT_THRESHOLDS,
  driftRuleOf,
} from '@mlops-portal/plugin-mlops-common';
import {
  DEFAULT_DRIFT_SHARE,
  DEFAULT_DRIFT_THRESHOLDS,
} from './driftStatistics';
import { driftRule } from '../../health/drift/DriftService';

/*
 * The Model card tells people which test and threshold judge their features from the contract package's
 * defaults; the drift service judges with its own. They must not drift apart.
 */
describe('drift defaults the frontend shows', () => {
  it('are the ones the drift service judges with', () => {
    expect(DRIFT_METHOD_DEFAULT_THRESHOLDS).toEqual(DEFAULT_DRIFT_THRESHOLDS);
    expect(DEFAULT_DATASET_DRIFT_SHARE).toBe(DEFAULT_DRIFT_SHARE);
    const spec = {
      method: 'psi' as const,
      features: { amount: 0.3, country: { method: 'chisquare' as const } },
    };
    for (const [feature, kind] of [
      ['amount', 'numerical'],
      ['country', 'categorical'],
      ['merchant', 'numerical'],
    ] as const) {
      expect(driftRuleOf(spec, feature, DEFAULT_DRIFT_METHODS[kind])).toEqual(
        driftRule(spec, feature, DEFAULT_DRIFT_METHODS[kind]),
      );
      expect(
        driftRuleOf(undefined, feature, DEFAULT_DRIFT_METHODS[kind]),
      ).toEqual(driftRule(undefined, feature, DEFAULT_DRIFT_METHODS[kind]));
    }
  });
});
