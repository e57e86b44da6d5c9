import { CustomErrorBase } from '@backstage/errors';
import { GateResult, PromotionRecord } from '@mlops-portal/plugin-mlops-common';

/**
 * A version stopped by its quality gates, on its way to an alias by promotion or by rollout. The API answers
 * 422 with every gate's result (`gates`: each gate, its threshold and the measured value) and, for a promotion,
 * the blocked request as the history records it (`promotion`).
 */
export class QualityGateFailedError extends CustomErrorBase {
  name = 'QualityGateFailedError' as const;
  readonly promotion?: PromotionRecord;

  constructor(
    readonly version: string,
    readonly gates: GateResult[],
    options: { promotion?: PromotionRecord; message?: string } = {},
  ) {
    const failed = gates.filter(g => !g.passed);
    super(
      options.message ??
        `Version ${version} fails ${failed.length} quality gate(s): ${failed
          .map(g => g.reason)
          .join('; ')}`,
    );
    this.promotion = options.promotion;
  }
}
