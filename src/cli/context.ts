import { WriteStream } from 'node:tty';
import { UserError } from '../core/errors.ts';
import { appendChange } from '../db/change-feed.repo.ts';
import { openDb, resolveDbUrl, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { systemPrincipal, type Principal } from '../services/access.ts';
import { readAuditKey, useAuditKey } from '../services/audit-key.ts';
import { actorOf, type AuditActor } from '../services/audit.ts';
import { dataDir } from '../services/file-store.ts';

/** Somewhere a command writes text: the process's stdout/stderr, or a buffer in tests. */
export interface Output {
  write(s: string): unknown;
}

/** What a run of `fazhi` reads from and writes to; `main.ts` passes the real process. */
export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  /** Environment variables the commands read (FAZHI_DB, FAZHI_DATA, FAZHI_IMPORT_MAX_MB, PORT). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The terminal behind an output, when a person is watching it (progress bars draw only there). */
export function terminal(out: Output): WriteStream | undefined {
  return out instanceof WriteStream && out.isTTY ? out : undefined;
}

/** Who a command writes as, and when: what every audited write service takes. */
export interface ConsoleWrite {
  /** The console's system principal, named by the OS user running `fazhi`. */
  readonly p: Principal;
  /** Audited as 命令行（系统）：<OS user>, with no address. */
  readonly actor: AuditActor;
  /** The write's time (ISO), also the audit entry's. */
  readonly at: string;
}

/** One run of the command line: its input and output, and the exit code a command sets. */
export class Cli {
  /** Exit code of a command that ends normally but reports a failure (audit verify, review). */
  exitCode = 0;

  constructor(readonly io: CliIo) {}

  out(s: string): void {
    this.io.stdout.write(s);
  }

  err(s: string): void {
    this.io.stderr.write(s);
  }

  printJson(v: unknown): void {
    this.out(JSON.stringify(v, null, 2) + '\n');
  }

  /** Prints rows as an aligned text table. */
  printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
    const widths = header.map((h, i) =>
      Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
    );
    const line = (r: readonly string[]) =>
      r
        .map((c, i) => pad(c, widths[i]!))
        .join('  ')
        .trimEnd();
    this.out([line(header), ...rows.map(line)].join('\n') + '\n');
  }

  /** The principal, audit actor and time of a write made now from the console. */
  writer(): ConsoleWrite {
    const p = systemPrincipal();
    return { p, actor: actorOf(p, null), at: new Date().toISOString() };
  }

  /** The database URL: --db, else FAZHI_DB, else ./data/fazhi.db. */
  dbUrl(flag: string | undefined): string {
    return resolveDbUrl(flag ?? this.io.env.FAZHI_DB);
  }

  /** The data directory (evidence files): --data, else FAZHI_DATA, else ./data. */
  dataDir(flag: string | undefined): string {
    return flag ?? this.io.env.FAZHI_DATA ?? dataDir();
  }

  /**
   * Opens the database named by --db / FAZHI_DB, migrates it, runs `fn`, closes it. The audit chain
   * is written and checked with the server's key from the data folder, when the server made one.
   * Afterwards a change-feed entry tells running servers that anything may have changed (accounts
   * too), so what the command wrote shows on every server within the feed's bound.
   */
  async withDb<T>(opts: { db?: string; data?: string }, fn: (h: Db) => Promise<T>): Promise<T> {
    const h = openDb(this.dbUrl(opts.db));
    let migrated = false;
    try {
      await migrateToLatest(h);
      migrated = true;
      const key = readAuditKey(this.dataDir(opts.data));
      if (key) useAuditKey(h, key);
      return await fn(h);
    } finally {
      if (migrated) await appendChange(h, { scope: null, accounts: true }).catch(() => undefined);
      await h.close();
    }
  }
}

/** Parses a whole number option such as --year, or fails with a Chinese message. */
export function intOption(name: string, v: string | undefined, min: number, max: number): number {
  if (v === undefined) throw new UserError(`缺少 --${name}`);
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UserError(`--${name} 应为 ${min} 至 ${max} 之间的整数，收到“${v}”`);
  return n;
}

/** Display width of a string in a terminal: CJK characters take two columns. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** Pads Chinese text to a display width (CJK characters take two columns). */
export function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** Commander option parser for a repeatable option (`--set a=1 --set b=2`). */
export const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** `--set 字段=值` pairs into an object; callers check the keys against what they expect. */
export function setPairs(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of list) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new UserError(`--set 应为 字段=值 的形式，收到“${kv}”`);
    out[kv.slice(0, i).trim()] = kv.slice(i + 1);
  }
  return out;
}
