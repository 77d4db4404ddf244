import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../src/db/connect.ts';
import { buildApp } from '../src/http/app.ts';
import type { AppOptions } from '../src/http/context.ts';

/**
 * A server for a benchmark: `h` served on a free local port with a fresh data folder and no web
 * app, for the length of `fn`.
 */
export async function withServer<T>(
  h: Db,
  opts: Omit<AppOptions, 'dataDir' | 'webDir'>,
  fn: (port: number) => Promise<T>,
): Promise<T> {
  const app = await buildApp(h, {
    ...opts,
    dataDir: mkdtempSync(join(tmpdir(), 'fazhi-bench-')),
    webDir: null,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    return await fn((app.server.address() as AddressInfo).port);
  } finally {
    await app.close();
  }
}

/** Signing in to a benchmarked server as a demo account: its cookie and CSRF token. */
export async function login(port: number, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Fazhi@2024' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
    csrf: csrfToken,
  };
}
