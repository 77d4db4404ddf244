import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL server for the test suite: initdb into a temporary folder, start on a
 * free loopback port, stop and delete on teardown. PostgreSQL refuses to run as root, so as root
 * the binaries run as the `postgres` user.
 */
export interface PgServer {
  readonly url: string;
  stop(): void;
}

function findBin(): string | null {
  const fromEnv = process.env.FAZHI_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a server, or returns the reason it cannot. */
export async function startPostgres(): Promise<PgServer | { error: string }> {
  const bin = findBin();
  if (!bin)
    return {
      error:
        '找不到 PostgreSQL 程序（/usr/lib/postgresql/*/bin/initdb）；可设置 FAZHI_PG_BIN 或 FAZHI_TEST_PG',
    };
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const run = (cmd: string, args: string[]) => runProgram(bin, cmd, args);
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
      '-o',
      `-p ${port} -k ${dir} -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    ]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { error: e instanceof Error ? e.message : String(e) };
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        const [c, a] = asUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
        execFileSync(c, a, { stdio: 'ignore' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A streaming standby of the server at `primaryUrl` (pg_basebackup -R, then started read-only on a
 * free port with its folder under the temporary directory), or the reason it cannot be made.
 * `url(db)` is a database on the standby.
 */
export async function startStandby(
  primaryUrl: string,
): Promise<{ url(db: string): string; stop(): void } | { error: string }> {
  const bin = findBin();
  if (!bin) return { error: '找不到 PostgreSQL 程序（pg_basebackup）' };
  const primary = new URL(primaryUrl);
  // A standby refuses to start with lower limits than its primary's, which may have been set on its command line.
  const client = new pg.Client({ connectionString: primaryUrl });
  await client.connect();
  const settings = await client.query<{ name: string; setting: string }>(
    `select name, setting from pg_settings where name in
       ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')`,
  );
  await client.end();
  const limits = settings.rows.map((r) => `-c ${r.name}=${r.setting}`).join(' ');
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-standby-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const run = (cmd: string, args: string[]) => runProgram(bin, cmd, args);
  try {
    run('pg_basebackup', [
      ...['-D', data, '-R', '-X', 'stream', '-c', 'fast'],
      ...['-h', primary.hostname, '-p', primary.port || '5432', '-U', primary.username || 'postgres'],
    ]);
    run('pg_ctl', [
      ...['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'],
      ...['-o', `-p ${port} -k ${dir} -h 127.0.0.1 -c hot_standby=on ${limits}`],
    ]);
  } catch (e) {
    const log = existsSync(join(dir, 'server.log'))
      ? readFileSync(join(dir, 'server.log'), 'utf8').slice(-500)
      : '';
    rmSync(dir, { recursive: true, force: true });
    return { error: `${e instanceof Error ? e.message : String(e)}${log ? `\n${log}` : ''}` };
  }
  return {
    url: (db) => `postgres://${primary.username || 'postgres'}@127.0.0.1:${port}/${db}`,
    stop() {
      try {
        const [c, a] = asUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
        execFileSync(c, a, { stdio: 'ignore' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** PostgreSQL refuses to run as root: as root, its programs run as the postgres user. */
function asUser(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

/** Runs one of PostgreSQL's programs to completion; a failure throws with what it printed. */
function runProgram(bin: string, cmd: string, args: string[]): void {
  const [c, a] = asUser(join(bin, cmd), args);
  const r = spawnSync(c, a, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} 失败：${r.stderr || r.stdout || r.error?.message}`);
}
