import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ensureDemo } from '../services/demo/index.ts';
import { townshipsOf } from '../services/orgs.ts';
import { buildReportModel } from '../services/report.ts';
import { paraText } from './render/text.ts';
import { bodyParas } from './model/numbering.ts';
import { organName } from './model/build.ts';
import { sharedParagraphs } from './model/variety.ts';

/**
 * Two townships' reports must read as two townships': after each township's own name is replaced,
 * no paragraph over 30 characters is word for word the same in two reports of the demo county.
 */

const DEMO_NOW = '2025-01-20T09:00:00+08:00';

describe('report text differs between townships', () => {
  let dir: string;
  let h: Db;
  let texts: Map<string, string[]>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-variety-'));
    h = openDb(`sqlite:${join(dir, 'fazhi.db')}`);
    await migrateToLatest(h);
    const demo = await ensureDemo(h, { now: DEMO_NOW, townships: 6 });
    const county = demo!.county;
    texts = new Map();
    for (const t of await townshipsOf(h, county)) {
      const m = await buildReportModel(h, t, demo!.year, DEMO_NOW);
      texts.set(t.name, [paraText(m.intro), ...bodyParas(m).map(paraText), m.closing]);
    }
  });

  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds no shared paragraph over 30 characters between any two of the six townships', () => {
    expect(texts.size).toBe(6);
    const shared = sharedParagraphs(texts, (name) => [organName(name), name]);
    expect(shared.map((s) => `${s.townships.join('、')}：${s.text}`)).toEqual([]);
  });

  it('counts a paragraph two townships share once their names are replaced', () => {
    const shared = sharedParagraphs(
      new Map([
        [
          '甲镇',
          ['甲镇坚持把法治建设摆在全局工作的重要位置，定期听取工作汇报，研究解决重大问题。', '短句。'],
        ],
        [
          '乙乡',
          ['乙乡坚持把法治建设摆在全局工作的重要位置，定期听取工作汇报，研究解决重大问题。', '短句。'],
        ],
        ['丙镇', ['丙镇全年开展普法宣传活动二十五次，覆盖全镇各村（社区），群众法治意识明显增强。']],
      ]),
      (name) => [name],
    );
    expect(shared).toHaveLength(1);
    expect(shared[0]!.townships).toEqual(['甲镇', '乙乡']);
  });
});
