import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * How the proxy treats requests: `pass` forwards everything; `lose-write-answers` applies each write upstream but
 * drops the connection instead of answering (the write landed, nobody heard); `drop-writes` drops writes without
 * forwarding them (nothing landed) and passes reads; `freeze-on-write` answers reads until a write arrives, then
 * answers nothing more, that write included (the client's request timeout ends each call).
 */
export type ProxyMode =
  | 'pass'
  | 'lose-write-answers'
  | 'drop-writes'
  | 'freeze-on-write';

/**
 * A plain HTTP proxy in front of a stand-in (here the sandbox's Kubernetes API) that can stop answering the way a
 * real network or API server does, so a client's handling of unanswered writes is exercised for real.
 */
export async function startFlakyClusterProxy(target: () => string) {
  let mode: ProxyMode = 'pass';
  let frozen = false;
  const server = http.createServer((req, res) => {
    const isWrite = req.method !== 'GET' && req.method !== 'HEAD';
    if (mode === 'freeze-on-write' && (frozen || isWrite)) {
      frozen = true;
      return;
    }
    if (mode === 'drop-writes' && isWrite) {
      req.socket.destroy();
      return;
    }
    const upstream = new URL(`${target()}${req.url ?? ''}`);
    const forwarded = http.request(
      upstream,
      { method: req.method, headers: { ...req.headers, host: upstream.host } },
      answer => {
        if (mode === 'lose-write-answers' && isWrite) {
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => req.socket.destroy());
    req.pipe(forwarded);
  });
  server.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setMode(next: ProxyMode) {
      mode = next;
      frozen = false;
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
