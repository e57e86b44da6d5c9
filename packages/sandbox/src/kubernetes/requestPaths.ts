/** A request path of the Kubernetes API, as the stand-in understands it. */
export type Resource = {
  group: string;
  version: string;
  plural: string;
  namespace?: string;
  name?: string;
};

/** `/api/v1/...` and `/apis/<group>/<version>/...` paths: namespaced or cluster-wide, a collection or one object. */
export function parsePath(path: string): Resource | undefined {
  const parts = path.split('/').filter(Boolean);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1]) {
    [group, version, rest] = ['', parts[1], parts.slice(2)];
  } else if (parts[0] === 'apis' && parts[2]) {
    [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  } else {
    return undefined;
  }
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    return {
      group,
      version,
      namespace: rest[1],
      plural: rest[2],
      name: rest[3],
    };
  }
  if (rest.length === 1 || rest.length === 2) {
    return { group, version, plural: rest[0], name: rest[1] };
  }
  return undefined;
}

const SERVICE_PROXY =
  /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/:]+)(?::([^/]+))?\/proxy(\/.*)?$/;

/** `/api/v1/namespaces/{ns}/services/{name}[:{port}]/proxy/{path}`: where the API server's service proxy goes. */
export function parseServiceProxyPath(
  path: string,
):
  | { namespace: string; service: string; port?: string; path: string }
  | undefined {
  const match = SERVICE_PROXY.exec(path);
  if (!match) {
    return undefined;
  }
  const [, namespace, service, port, rest] = match;
  return {
    namespace: decodeURIComponent(namespace),
    service: decodeURIComponent(service),
    port: port && decodeURIComponent(port),
    path: rest || '/',
  };
}

export function matchesSelector(
  labels: Record<string, string> = {},
  selector: string | null,
): boolean {
  if (!selector) {
    return true;
  }
  return selector.split(',').every(term => {
    const t = term.trim();
    const notEquals = /^([^!=\s]+)\s*!=\s*(.*)$/.exec(t);
    if (notEquals) {
      return labels[notEquals[1]] !== notEquals[2];
    }
    const equals = /^([^=\s]+)\s*==?\s*(.*)$/.exec(t);
    if (equals) {
      return labels[equals[1]] === equals[2];
    }
    return t.startsWith('!') ? !(t.slice(1) in labels) : t in labels;
  });
}
