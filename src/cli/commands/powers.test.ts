import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { smallCounty } from '../../testing/fixtures.ts';
import { runFazhi } from '../../testing/cli.ts';

const LIST =
  '序号,事项名称,权力类别,设定依据,权力来源,赋权文件\r\n1,对露天焚烧秸秆的处罚,行政处罚,《大气污染防治法》第一百一十九条,县级赋权,清府发〔2024〕12号\r\n2,农村村民宅基地审批,行政许可,《土地管理法》第六十二条,法定,\r\n';
const BAD = '事项名称,权力类别,设定依据,权力来源\r\n对某事的处罚,行政处分,,法定\r\n';

describe('fazhi powers import', { timeout: 120_000 }, () => {
  let dir: string;
  let db: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const stored = async () => {
    const h = openDb(db);
    try {
      return await h.db
        .selectFrom('records')
        .select(['title', 'date', 'end_date'])
        .where('kind', '=', 'power')
        .orderBy('title')
        .execute();
    } finally {
      await h.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-powers-'));
    db = `sqlite:${join(dir, 'fazhi.db')}`;
    const h = openDb(db);
    await migrateToLatest(h);
    await smallCounty(h);
    await h.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('checks, imports and replaces a year’s list, saying what it holds', async () => {
    const list = file('2025年权力清单.csv', LIST);
    const dry = await runFazhi([
      'powers',
      'import',
      list,
      '--org',
      '甲镇',
      '--year',
      '2025',
      '--dry-run',
      '--db',
      db,
    ]);
    expect(dry).toMatchObject({
      code: 0,
      stdout:
        '甲镇2025年权力清单校验通过（未写入）：共 2 项（行政处罚 1 项、行政许可 1 项），其中县级赋权 1 项\n',
    });
    expect(await stored()).toEqual([]);
    expect(
      (await runFazhi(['powers', 'import', list, '--org', '甲镇', '--year', '2025', '--db', db])).code,
    ).toBe(0);
    const again = await runFazhi(['powers', 'import', list, '--org', '甲镇', '--year', '2025', '--db', db]);
    expect(again.stdout).toContain('原2025年清单 2 项已替换');
    expect(await stored()).toEqual([
      { title: '农村村民宅基地审批', date: '2025-01-01', end_date: '2026-01-01' },
      { title: '对露天焚烧秸秆的处罚', date: '2025-01-01', end_date: '2026-01-01' },
    ]);
  });

  it('lists every problem with its row and changes nothing', async () => {
    const r = await runFazhi([
      'powers',
      'import',
      file('bad.csv', BAD),
      '--org',
      '甲镇',
      '--year',
      '2025',
      '--db',
      db,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('工作表“bad”第 2 行【权力类别】：“行政处分”不是可选值');
    expect(r.stderr).toContain('第 2 行【设定依据】：不能为空');
    expect(r.stderr).toContain('导入失败：“bad.csv”中发现 2 处问题，权力清单未作任何改动');
    expect(await stored()).toHaveLength(2);
  });
});
