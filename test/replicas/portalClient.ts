import assert from 'node:assert/strict';

/** What the test needs to call one replica's API: where it is, and the guest token once signed in. */
export type PortalEndpoint = {
  name: string;
  url: string;
  token?: string;
};

/** Signs in as the guest (on only in development) and keeps the token on the endpoint. */
export async function signInAsGuest(endpoint: PortalEndpoint) {
  const res = await fetch(`${endpoint.url}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  assert.equal(res.status, 200, `${endpoint.name}: guest sign-in`);
  endpoint.token = ((await res.json()) as any).backstageIdentity.token;
}

/** One call to the portal's API with the guest token; the body parsed as JSON when there is one. */
export async function api(
  endpoint: PortalEndpoint,
  method: string,
  pathname: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${endpoint.url}${pathname}`, {
    method,
    headers: {
      Authorization: `Bearer ${endpoint.token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
