import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureWebBuild } from '../../src/cli/web-build.ts';

const LOCK = join(tmpdir(), 'fazhi-web-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds web/dist once for all spec files: test files run in parallel processes, so the first to
 * take the lock builds and the others find the build up to date.
 */
export async function ensureBuiltOnce(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmdirSync(LOCK);
      } catch {
        // The holder released it between our two calls.
      }
      await sleep(250);
    }
  }
  try {
    await ensureWebBuild();
  } finally {
    rmdirSync(LOCK);
  }
}
