import { UserError } from '../core/errors.ts';
import { openDb, resolveDbUrl, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** Options every database command takes. */
export interface DbOptions {
  db?: string;
}

/** Opens the database named by --db / FAZHI_DB (default ./data/fazhi.db), migrates it, runs `fn`, closes it. */
export async function withDb<T>(opts: DbOptions, fn: (h: Db) => Promise<T>): Promise<T> {
  const h = openDb(resolveDbUrl(opts.db));
  try {
    await migrateToLatest(h);
    return await fn(h);
  } finally {
    await h.close();
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

export function printJson(v: unknown): void {
  process.stdout.write(JSON.stringify(v, null, 2) + '\n');
}

/** Pads Chinese text to a display width (CJK characters take two columns). */
export function pad(s: string, width: number): string {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return s + ' '.repeat(Math.max(0, width - w));
}

/** Prints rows as an aligned text table. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => pad(c, widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write([line(header), ...rows.map(line)].join('\n') + '\n');
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
