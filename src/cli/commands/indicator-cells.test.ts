import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { scratchPostgres } from '../../testing/databases.ts';
import { NOW, recordAdder, smallCounty } from '../../testing/fixtures.ts';
import { runFazhi } from '../../testing/cli.ts';

async function seed(url: string) {
  const h = openDb(url);
  await migrateToLatest(h);
  const org = await smallCounty(h);
  const add = recordAdder(h, NOW);
  await add(org.a, 'dispute', '2023-03-01', '宅基地纠纷', { disputeType: 'land', status: 'resolved' });
  await add(org.a, 'dispute', '2023-05-01', '邻里纠纷', { disputeType: 'neighbour', status: 'pending' });
  await add(org.b, 'publicity_event', '2023-06-26', '禁毒宣传', { form: 'school', materials: 2800 });
  await h.close();
}

async function damage(url: string) {
  const h = openDb(url);
  try {
    await h.db
      .updateTable('indicator_cells')
      .set((eb) => ({ n: eb('n', '+', 3) }))
      .where('grain', '=', 'y')
      .execute();
  } finally {
    await h.close();
  }
}

async function auditActions(url: string) {
  const h = openDb(url);
  try {
    return (await h.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
  } finally {
    await h.close();
  }
}

const targets: { name: string; open(): Promise<{ url: string; drop(): Promise<void> }> }[] = [
  {
    name: 'sqlite',
    open: () => {
      const dir = mkdtempSync(join(tmpdir(), 'fazhi-cells-'));
      return Promise.resolve({ url: `sqlite:${join(dir, 'fazhi.db')}`, drop: () => Promise.resolve() });
    },
  },
];
const pgUrl = process.env.FAZHI_TEST_PG;
if (pgUrl) targets.push({ name: 'postgres', open: () => scratchPostgres(pgUrl) });

for (const t of targets)
  describe(`fazhi indicators verify / rebuild on ${t.name}`, { timeout: 120_000 }, () => {
    let db: { url: string; drop(): Promise<void> };
    beforeAll(async () => {
      db = await t.open();
      await seed(db.url);
    });
    afterAll(() => db.drop());

    it('passes on a good database, reports damaged cells in Chinese with exit 1, and a rebuild repairs them', async () => {
      const ok = await runFazhi(['indicators', 'verify', '--db', db.url]);
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/^指标汇总与台账记录一致：共核对 \d+ 组/);

      await damage(db.url);
      const bad = await runFazhi(['indicators', 'verify', '--db', db.url, '--org', '甲镇', '--year', '2023']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/^指标汇总与台账记录不一致，共 \d+ 处/);
      expect(bad.stderr).toContain('甲镇 2023 年');
      expect(bad.stderr).toContain('fazhi indicators rebuild');

      const village = await runFazhi(['indicators', 'verify', '--db', db.url, '--org', '东村']);
      expect(village.code).toBe(1);
      expect(village.stderr).toContain('找不到');

      const rebuilt = await runFazhi(['indicators', 'rebuild', '--db', db.url, '--org', '测试县']);
      expect(rebuilt.stderr).toBe('');
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stdout).toMatch(/^已重建指标汇总：1 个县，读取台账记录 3 条/);
      expect(await auditActions(db.url)).toContain('indicators.rebuild');

      const again = await runFazhi(['indicators', 'verify', '--db', db.url]);
      expect(again.code).toBe(0);
    });

    it('still asks for --org and --year when computing indicators', async () => {
      const r = await runFazhi(['indicators', '--db', db.url, '--year', '2023']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('缺少必需的选项“--org <组织>”');
      const v = await runFazhi(['indicators', '--db', db.url, '--org', '甲镇', '--year', '2023', '--json']);
      expect(v.code).toBe(0);
      const vals = JSON.parse(v.stdout) as { key: string; value: number | null }[];
      expect(vals.find((x) => x.key === 'disputes.found')?.value).toBe(2);
    });
  });
