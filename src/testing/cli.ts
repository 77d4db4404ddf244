import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { smallCounty } from './fixtures.ts';
import { runCli } from '../cli/program.ts';

/** The repository root, where `bin/fazhi.js` lives. */
export const repoRoot = join(import.meta.dirname, '../..');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `fazhi ARGS` in this process, as a fresh `fazhi` process would: its own program, its own
 * output and this process's environment with `env` over it. Relative paths resolve against the
 * repository root, as they did in the child process the CLI tests used to start.
 */
export async function runFazhi(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  if (process.cwd() !== repoRoot)
    throw new Error(
      `runFazhi runs in the test's directory, which should be ${repoRoot}, not ${process.cwd()}`,
    );
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { ...process.env, ...env },
  });
  return { code, stdout, stderr };
}

/** A small county in a SQLite file of its own (for commands run with `--db`): its folder and URL. */
export async function smallCountyFile(prefix: string): Promise<{ dir: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = `sqlite:${join(dir, 'fazhi.db')}`;
  const h = openDb(db);
  await migrateToLatest(h);
  await smallCounty(h);
  await h.close();
  return { dir, db };
}
