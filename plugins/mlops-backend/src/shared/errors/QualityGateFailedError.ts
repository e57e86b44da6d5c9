import { CustomErrorBase } from '@backstage/errors';
import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';

/**
 * A promotion stopped by its quality gates. The router answers 422 with the record, whose `gates` list each
 * gate, its threshold and the measured value.
 */
export class QualityGateFailedError extends CustomErrorBase {
  name = 'QualityGateFailedError' as const;

  constructor(readonly promotion: PromotionRecord) {
    const failed = promotion.gates.filter(g => !g.passed);
    super(
      `Version ${promotion.toVersion} fails ${
        failed.length
      } quality gate(s): ${failed.map(g => g.reason).join('; ')}`,
    );
  }
}
