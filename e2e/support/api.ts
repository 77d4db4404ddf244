import { expect } from 'vitest';
import { DEMO_PASSWORD } from './server.ts';

/** A staff session through the API (another device): its cookie and CSRF token. */
export async function apiSession(url: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/**
 * Calls in a staff session: JSON in and out, or a file's raw bytes; a call that does not succeed
 * fails the test with its answer.
 */
export async function staffApi(url: string, username: string) {
  const s = await apiSession(url, username);
  return async <T>(method: string, path: string, body?: unknown, file?: Buffer): Promise<T> => {
    const type = file ? 'application/octet-stream' : body ? 'application/json' : null;
    const r = await fetch(`${url}${path}`, {
      method,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(type ? { 'content-type': type } : {}) },
      ...(file ? { body: new Uint8Array(file) } : body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    expect(r.ok, `${method} ${path}: ${r.status} ${text}`).toBe(true);
    return JSON.parse(text) as T;
  };
}
