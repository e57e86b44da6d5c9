import { PrometheusClient } from '../../shared/prometheus/PrometheusClient';
import { CachedPrometheus } from '../../shared/prometheus/CachedPrometheus';
import {
  categoricalFromCounters,
  FeatureDistributions,
  numericalFromBuckets,
} from '../../shared/statistics/featureHistograms';
import { HealthQueryTemplates, renderQuery } from '../queryTemplates';

/**
 * Reads a Model's feature distributions over the drift window from the histograms the model server exports
 * (`queries.featureHistogram`, `queries.featureCategories`), now or at an earlier time.
 */
export class FeatureDistributionReader {
  constructor(
    private readonly deps: {
      prometheus: CachedPrometheus;
      queries: HealthQueryTemplates;
      window: string;
    },
  ) {}

  async read(
    model: string,
    client: PrometheusClient,
    time?: Date,
  ): Promise<FeatureDistributions> {
    const values = { model, window: this.deps.window };
    const [buckets, categories] = await Promise.all([
      this.deps.prometheus.query(
        client,
        renderQuery(this.deps.queries.featureHistogram, values),
        time,
      ),
      this.deps.prometheus.query(
        client,
        renderQuery(this.deps.queries.featureCategories, values),
        time,
      ),
    ]);
    return {
      numerical: numericalFromBuckets(buckets),
      categorical: categoricalFromCounters(categories),
    };
  }
}
