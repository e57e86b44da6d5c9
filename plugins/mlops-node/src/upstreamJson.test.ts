import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { upstreamJson } from './upstreamJson';

/* Against an in-process HTTP server that records what arrived and echoes a JSON answer. */
describe('upstreamJson', () => {
  let server: Server;
  let baseUrl: string;
  let received: { method?: string; headers: IncomingHttpHeaders; body: string };

  beforeEach(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        received = { method: req.method, headers: req.headers, body };
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ ok: true }));
      });
    }).listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  const fail = () => new Error('unexpected failure');

  it('sends JSON with a bearer token by default', async () => {
    await expect(
      upstreamJson({
        url: `${baseUrl}/things`,
        method: 'POST',
        body: { name: 'a' },
        bearerToken: 'secret',
        timeoutMs: 2000,
        fail,
      }),
    ).resolves.toEqual({ ok: true });
    expect(received.method).toBe('POST');
    expect(received.headers.accept).toBe('application/json');
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.headers.authorization).toBe('Bearer secret');
    expect(JSON.parse(received.body)).toEqual({ name: 'a' });
  });

  it('lays the given headers over the defaults', async () => {
    await upstreamJson({
      url: `${baseUrl}/contents/a.yaml`,
      method: 'PUT',
      body: { sha: 'abc' },
      bearerToken: 'ignored',
      headers: {
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
        Authorization: 'token installation',
      },
      timeoutMs: 2000,
      fail,
    });
    expect(received.method).toBe('PUT');
    expect(received.headers.accept).toBe('application/vnd.github+json');
    expect(received.headers['x-github-api-version']).toBe('2022-11-28');
    expect(received.headers.authorization).toBe('token installation');
    expect(received.headers['content-type']).toBe('application/json');
  });
});
