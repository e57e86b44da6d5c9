import {
  fetchUpstream,
  UpstreamApiError,
} from '@mlops-portal/plugin-mlops-node';

/** One sample of an instant vector; `value` may be NaN (e.g. a quantile over no data). */
export type PrometheusSample = {
  metric: Record<string, string>;
  value: number;
  timestamp: number;
};

/** One series of a range query. */
export type PrometheusSeries = {
  metric: Record<string, string>;
  points: Array<{ timestamp: number; value: number }>;
};

/** An alert as Prometheus' `/api/v1/alerts` lists it. */
export type PrometheusAlert = {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'firing' | 'pending' | 'inactive';
  activeAt?: string;
  value?: string;
};

/** A Prometheus query that did not succeed: its errorType when Prometheus answered, no status when unreachable. */
export class PrometheusApiError extends UpstreamApiError {
  readonly name = 'PrometheusApiError';
  constructor(
    instance: string,
    status: number | undefined,
    readonly errorType: string | undefined,
    readonly prometheusMessage: string,
  ) {
    super(
      instance,
      'query',
      status,
      `Prometheus instance '${instance}' query failed: ${
        status === undefined ? 'unreachable' : `HTTP ${status}`
      }${errorType ? ` ${errorType}` : ''} - ${prometheusMessage}`,
    );
  }

  get isNotFound(): boolean {
    return false;
  }
}

export type PrometheusClientOptions = {
  name: string;
  baseUrl: string;
  bearerToken?: string;
  timeoutMs?: number;
};

/**
 * A client for Prometheus' HTTP API (api-contracts §4.2): instant and range queries POSTed form-encoded, the
 * alerts list; string sample values parsed as numbers (`NaN`, `+Inf` included), the `{status, errorType, error}`
 * envelope mapped to {@link PrometheusApiError}.
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
    const params = new URLSearchParams({ query });
    if (time) {
      params.set('time', String(time.getTime() / 1000));
    }
    const data = await this.request('/api/v1/query', 'POST', params);
    const { resultType, result } = data;
    if (resultType === 'scalar') {
      return [
        { metric: {}, timestamp: Number(result[0]), value: Number(result[1]) },
      ];
    }
    if (resultType !== 'vector') {
      throw this.badData(`expected a vector, got ${resultType}`);
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

  /** Evaluates `query` over [start, end] every `stepSeconds` (`/api/v1/query_range`): one series per label set. */
  async queryRange(
    query: string,
    start: Date,
    end: Date,
    stepSeconds: number,
  ): Promise<PrometheusSeries[]> {
    const params = new URLSearchParams({
      query,
      start: String(start.getTime() / 1000),
      end: String(end.getTime() / 1000),
      step: String(stepSeconds),
    });
    const data = await this.request('/api/v1/query_range', 'POST', params);
    if (data.resultType !== 'matrix') {
      throw this.badData(`expected a matrix, got ${data.resultType}`);
    }
    return (
      data.result as Array<{
        metric: Record<string, string>;
        values: Array<[number, string]>;
      }>
    ).map(s => ({
      metric: s.metric,
      points: s.values.map(([t, v]) => ({
        timestamp: Number(t),
        value: Number(v),
      })),
    }));
  }

  /** Active alerts, firing and pending, from Prometheus' own rule evaluation (`/api/v1/alerts`). */
  async alerts(): Promise<PrometheusAlert[]> {
    const data = await this.request('/api/v1/alerts', 'GET');
    return (data.alerts ?? []).map((a: any) => ({
      labels: a.labels ?? {},
      annotations: a.annotations ?? {},
      state: a.state,
      activeAt: a.activeAt,
      value: a.value,
    }));
  }

  private badData(message: string) {
    return new PrometheusApiError(this.options.name, 200, 'bad_data', message);
  }

  /** One API call: the `{status, data, errorType, error}` envelope unwrapped, failures as PrometheusApiError. */
  private async request(
    path: string,
    method: 'GET' | 'POST',
    params?: URLSearchParams,
  ): Promise<any> {
    const headers: Record<string, string> = {};
    if (method === 'POST') {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    if (this.options.bearerToken) {
      headers.Authorization = `Bearer ${this.options.bearerToken}`;
    }
    let response: Response;
    try {
      response = await fetchUpstream(
        `${this.options.baseUrl.replace(/\/+$/, '')}${path}`,
        { method, headers, body: method === 'POST' ? params : undefined },
        this.timeoutMs,
      );
    } catch (error) {
      throw new PrometheusApiError(
        this.options.name,
        undefined,
        undefined,
        (error as Error).message,
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
    return envelope.data;
  }
}
