import { InputError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';

/**
 * What a service answered through the proxy: its status and (up to 64 KiB of) its body.
 *
 * @public
 */
export type ServiceAnswer = { status: number; body: string };

/**
 * A request to a service of a cluster, through the API server's service proxy.
 *
 * @public
 */
export type ServiceRequest = {
  namespace: string;
  service: string;
  port: number;
  /** The path on the service: segments of unreserved characters, none starting with a dot. */
  path: string;
  body: unknown;
  timeoutMs?: number;
};

const SAFE_PATH = /^(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+$/;
const MAX_BODY = 64 * 1024;

/**
 * POSTs JSON to a service through the Kubernetes API server's service proxy
 * (`/api/v1/namespaces/{ns}/services/{name}:{port}/proxy/{path}`), with the cluster's URL, CA and token from the
 * portal's config applied by `@kubernetes/client-node` (its generated `connectPost…ProxyWithPath` sends no
 * body). The portal so reaches a model server only through a cluster it is configured for, never at a URL from
 * an entity; the path is checked to stay on the service (no `..`, no query).
 */
export async function postThroughServiceProxy(
  kubeConfig: KubeConfig,
  request: ServiceRequest,
): Promise<ServiceAnswer> {
  if (!SAFE_PATH.test(request.path)) {
    throw new InputError(
      `'${request.path}' is not a plain path on the service (segments of letters, digits, '-', '_', '~', '.', none starting with '.')`,
    );
  }
  const server = kubeConfig.getCurrentCluster()?.server.replace(/\/+$/, '');
  const url = new URL(
    `${server}/api/v1/namespaces/${encodeURIComponent(
      request.namespace,
    )}/services/${encodeURIComponent(request.service)}:${request.port}/proxy${
      request.path
    }`,
  );
  const timeoutMs = request.timeoutMs ?? 10_000;
  const options: https.RequestOptions = {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    timeout: timeoutMs,
  };
  await kubeConfig.applyToHTTPSOptions(options);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, options, res => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY) {
          chunks.push(chunk);
          size += chunk.length;
        }
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY),
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () =>
      req.destroy(
        new Error(`${request.service} did not answer in ${timeoutMs} ms`),
      ),
    );
    req.on('error', reject);
    req.end(JSON.stringify(request.body));
  });
}
