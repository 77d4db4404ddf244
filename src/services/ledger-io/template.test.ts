import { describe, expect, it } from 'vitest';
import { kinds } from '../../catalogue/kinds.ts';
import { plainCell } from './cells.ts';
import { META_SHEET } from './layout.ts';
import { withoutValidations } from './read-xlsx.ts';
import { buildTemplate } from './template.ts';
import { loadWorkbook } from '../../testing/workbooks.ts';

/** Range validations as exceljs reads them back (keyed by address; not in its typings). */
type Validations = Record<string, { type: string; formulae: string[] } | undefined>;

describe('buildTemplate', () => {
  it('lays out a kind as a sheet named by its label, with marked headers, hints, dropdowns and frozen panes', async () => {
    const wb = await loadWorkbook(await buildTemplate('dispute'));
    // Excel opens on the first sheet: the ledger, not the hidden one.
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['矛盾纠纷', 'visible'],
      [META_SHEET, 'hidden'],
    ]);
    const ws = wb.getWorksheet('矛盾纠纷');
    expect(ws).toBeDefined();
    if (!ws) return;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(plainCell);
    expect(header.slice(0, 5)).toEqual(['＊登记日期', '＊纠纷事由', '村（社区）/部门', '＊纠纷类型', '来源']);
    expect(header).toContain('诉前调解');
    const hints = (ws.getRow(2).values as unknown[]).slice(1).map(plainCell);
    expect(hints[0]).toMatch(/^必填；日期，如 2024-03-15/);
    expect(hints[3]).toBe(
      '必填；从下拉列表选择：邻里纠纷、土地山林纠纷、婚姻家庭纠纷、债务纠纷、劳资纠纷、交通事故纠纷、物业纠纷、其他',
    );
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(30);
    const dv = (ws as unknown as { dataValidations: { model: Validations } }).dataValidations.model;
    // exceljs reads a range validation back cell by cell.
    expect(dv['D3']?.type).toBe('list');
    expect(dv['D2000']?.type).toBe('list');
    expect(dv['A3']).toBeUndefined();
    const boolCol = String.fromCharCode(65 + header.indexOf('诉前调解'));
    expect(dv[`${boolCol}3`]?.formulae[0]).toMatch(/^'_fazhi'!\$[A-Z]+\$2:\$[A-Z]+\$3$/);
    const meta = wb.getWorksheet(META_SHEET);
    expect(meta?.state).toBe('hidden');
    expect((meta?.getRow(2).values as unknown[]).slice(1, 3)).toEqual(['矛盾纠纷', 'dispute']);
  });

  it('gives registry kinds their end-date column and accepts the Chinese label', async () => {
    const wb = await loadWorkbook(await buildTemplate('网格员'));
    const header = (wb.getWorksheet('网格员')?.getRow(1).values as unknown[]).slice(1).map(plainCell);
    expect(header).toEqual([
      '＊任职日期',
      '＊姓名',
      '村（社区）/部门',
      '离任日期',
      '＊所属网格',
      '专职',
      '备注',
    ]);
  });

  it('builds every kind and refuses an unknown one', async () => {
    for (const k of kinds) expect((await buildTemplate(k.id)).length).toBeGreaterThan(1000);
    await expect(buildTemplate('不存在')).rejects.toThrow('未知的台账类型“不存在”');
  });

  it('can be read without its dropdowns, which import does not need', async () => {
    const bytes = await buildTemplate('dispute');
    const lean = await loadWorkbook(withoutValidations(bytes));
    const ws = lean.getWorksheet('矛盾纠纷');
    expect(plainCell(ws?.getCell('B1').value)).toBe('＊纠纷事由');
    expect(
      Object.keys((ws as unknown as { dataValidations: { model: Validations } }).dataValidations.model),
    ).toEqual([]);
    const junk = Buffer.from('not a zip');
    expect(withoutValidations(junk)).toBe(junk);
  });
});
