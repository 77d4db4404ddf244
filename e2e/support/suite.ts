import { afterAll, beforeAll, expect } from 'vitest';
import { ensureBuiltOnce } from './build.ts';
import { login, openBrowser, type Session } from './browser.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from './server.ts';

export interface E2E {
  readonly server: TestServer;
  readonly s: Session;
}

/**
 * Hooks for one spec file: the built app, a fresh server on the demo, a browser signed in as
 * `username` (none when omitted). The returned object is filled in once beforeAll has run.
 */
export function useE2E(
  opts: { username?: string; width?: number; height?: number; mobile?: boolean; cycle?: boolean } = {},
): E2E {
  const ctx = {} as { server: TestServer; s: Session };
  beforeAll(async () => {
    await ensureBuiltOnce();
    ctx.server = await startServer(opts.cycle ? { cycle: true } : {});
    ctx.s = await openBrowser(opts);
    if (opts.username) await login(ctx.s.page, ctx.server.url, opts.username, DEMO_PASSWORD);
  });
  afterAll(async () => {
    await ctx.s?.close();
    await ctx.server?.close();
  });
  return ctx;
}

/** Fails the spec on any console error the page logged. */
export function expectNoConsoleErrors(e: E2E): void {
  expect(e.s.errors).toEqual([]);
}
