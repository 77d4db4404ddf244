import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The indicator cells stay true only if every write of `records` goes through the repository
 * functions that maintain them in the same transaction. This scans src/ for writes of `records`
 * (query builder or raw SQL) and names the function each sits in.
 */

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const MAINTAINING = [
  'db/powers.repo.ts#deletePowersStarting',
  'db/powers.repo.ts#endPowersBefore',
  'db/public.repo.ts#rewriteRecordPersonal',
  'db/records.repo.ts#deleteRecord',
  'db/records.repo.ts#insertRecord',
  'db/records.repo.ts#insertRecords',
  'db/records.repo.ts#insertRecordsBulk',
  'db/records.repo.ts#updateRecord',
];

const WRITES = [
  /\.(insertInto|updateTable|deleteFrom)\(\s*['"`]records['"`]\s*\)/g,
  /\b(insert\s+into|update|delete\s+from)\s+records\b/gi,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Every `file#function` holding a write of `records`. */
function recordWriters(files: readonly string[] = sourceFiles(SRC)): string[] {
  const out = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const re of WRITES)
      for (const m of text.matchAll(re)) {
        const before = text.slice(0, m.index);
        const fns = [...before.matchAll(/(?:^|\n)(?:export\s+)?(?:async\s+)?function\s+(\w+)/g)];
        const name = fns.at(-1)?.[1] ?? '(top level)';
        out.add(`${relative(SRC, file).split('\\').join('/')}#${name}`);
      }
  }
  return [...out].sort();
}

describe('writes of records', () => {
  it('happen only in the repository functions that keep the indicator cells', () => {
    expect(recordWriters()).toEqual(MAINTAINING);
  });

  it('are found through the query builder and in raw SQL, named by their function', () => {
    const dir = mkdtempSync(join(tmpdir(), 'records-writes-'));
    const file = join(dir, 'sneaky.ts');
    writeFileSync(
      file,
      [
        'export async function builder(db) {',
        "  await db.updateTable('records').set({ title: 'x' }).execute();",
        '}',
        'async function raw(db) {',
        '  await sql`DELETE FROM records where id = 1`.execute(db);',
        '}',
        'function reads(db) {',
        "  return db.selectFrom('records').selectAll().execute();",
        '}',
      ].join('\n'),
    );
    const rel = relative(SRC, file).split('\\').join('/');
    expect(recordWriters([file])).toEqual([`${rel}#builder`, `${rel}#raw`]);
  });
});
