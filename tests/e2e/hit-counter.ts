// A local HTTP server that only counts what reaches it: requests (by path) and WebSocket upgrades.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HitCounter {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The path of every request and WebSocket upgrade received, in order. */
  hits: string[];
  stop(): Promise<void>;
}

export async function startHitCounter(): Promise<HitCounter> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(new URL(request.url ?? '/', 'http://x').pathname);
    // Any page may read the answer (a fetch that got through resolves instead of failing on CORS).
    response.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
    response.end('hit');
  });
  server.on('upgrade', (request, socket) => {
    hits.push(new URL(request.url ?? '/', 'http://x').pathname);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
