/** One sample of an instant vector; `value` may be NaN (e.g. a quantile over no data). */
export type PrometheusSample = {
  metric: Record<string, string>;
  value: number;
  timestamp: number;
};

/** A Prometheus query that did not succeed: its errorType when Prometheus answered, no status when unreachable. */
export class PrometheusApiError extends Error {
  readonly name = 'PrometheusApiError';
  constructor(
    readonly instance: string,
    readonly status: number | undefined,
    readonly errorType: string | undefined,
    readonly prometheusMessage: string,
  ) {
    super(
      `Prometheus instance '${instance}' query failed: ${
        status === undefined ? 'unreachable' : `HTTP ${status}`
      }${errorType ? ` ${errorType}` : ''} - ${prometheusMessage}`,
    );
  }
}

export type PrometheusClientOptions = {
  name: string;
  baseUrl: string;
  bearerToken?: string;
  timeoutMs?: number;
};

/**
 * A client for Prometheus' HTTP API instant queries (api-contracts §4.2): POST form-encoded `/api/v1/query`,
 * string sample values parsed as numbers (`NaN`, `+Inf` included), the `{status, errorType, error}` envelope
 * mapped to {@link PrometheusApiError}.
 */
export class PrometheusClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: PrometheusClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  get instanceName() {
    return this.options.name;
  }

  /** Evaluates `query` at `time` (default now); a scalar result comes back as one sample without labels. */
  async query(query: string, time?: Date): Promise<PrometheusSample[]> {
    const body = new URLSearchParams({ query });
    if (time) {
      body.set('time', String(time.getTime() / 1000));
    }
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
    };
    if (this.options.bearerToken) {
      headers.Authorization = `Bearer ${this.options.bearerToken}`;
    }
    let response: Response;
    try {
      response = await fetch(
        `${this.options.baseUrl.replace(/\/+$/, '')}/api/v1/query`,
        {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(this.timeoutMs),
        },
      );
    } catch (error) {
      const cause = error as Error;
      throw new PrometheusApiError(
        this.options.name,
        undefined,
        undefined,
        cause.name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs} ms`
          : cause.message,
      );
    }
    const text = await response.text();
    let envelope: any;
    try {
      envelope = JSON.parse(text);
    } catch {
      throw new PrometheusApiError(
        this.options.name,
        response.status,
        undefined,
        response.statusText,
      );
    }
    if (!response.ok || envelope.status !== 'success') {
      throw new PrometheusApiError(
        this.options.name,
        response.status,
        envelope.errorType,
        envelope.error ?? response.statusText,
      );
    }
    const { resultType, result } = envelope.data;
    if (resultType === 'scalar') {
      return [
        { metric: {}, timestamp: Number(result[0]), value: Number(result[1]) },
      ];
    }
    if (resultType !== 'vector') {
      throw new PrometheusApiError(
        this.options.name,
        response.status,
        'bad_data',
        `expected a vector, got ${resultType}`,
      );
    }
    return (
      result as Array<{
        metric: Record<string, string>;
        value: [number, string];
      }>
    ).map(s => ({
      metric: s.metric,
      timestamp: Number(s.value[0]),
      value: Number(s.value[1]),
    }));
  }
}
