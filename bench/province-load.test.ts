import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveLoad } from './province-load.ts';

/** An answer framed by its length, as the server's answers are. */
const send = (res: ServerResponse, status: number, body: string) =>
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    .end(body);

describe('the load generator', () => {
  let server: Server;
  let port: number;
  const seen = { gets: 0, posts: 0, bodies: [] as string[], cookies: new Set<string>() };
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.cookies.add(String(req.headers.cookie));
      if (req.method === 'POST') {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          seen.posts++;
          seen.bodies.push(body);
          send(res, 201, '{"id":1}');
        });
        return;
      }
      seen.gets++;
      if (req.url === '/missing') send(res, 404, '{}');
      // No length: the answer cannot be framed, so it counts as an error and the connection starts again.
      else if (req.url === '/chunked') res.writeHead(200).end('{}');
      // A body in two writes, framed by its length: the answer is whole only after the second.
      else if (req.url === '/split') {
        res.writeHead(200, { 'content-length': '6' });
        res.write('{"a":');
        setTimeout(() => res.end('1'), 5);
      } else send(res, 200, JSON.stringify({ url: req.url }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('counts whole answers, the writes among them, and what was refused', async () => {
    const r = await driveLoad(
      port,
      [
        { cookie: 'a=1', csrf: 'x', reads: ['/one', '/split'], writeShare: 0.3 },
        { cookie: 'b=2', csrf: 'y', reads: ['/missing', '/chunked'], writeShare: 0 },
      ],
      4,
      400,
      '2025-06-15',
    );
    expect(r.requests).toBe(seen.gets + seen.posts);
    expect(r.writes).toBe(seen.posts);
    expect(r.writes).toBeGreaterThan(0);
    // Every request of the second session was refused (404) or unframed; none of the first's.
    expect(r.errors).toBeGreaterThan(0);
    expect(r.errors).toBeLessThan(r.requests);
    expect(r.rps).toBeGreaterThan(0);
    expect(Number.isFinite(r.readP99) && Number.isFinite(r.writeP99)).toBe(true);
    expect([...seen.cookies].sort()).toEqual(['a=1', 'b=2']);
    expect(JSON.parse(seen.bodies[0]!)).toMatchObject({ kind: 'dispute', date: '2025-06-15' });
  });
});
