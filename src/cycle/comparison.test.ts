import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { comparisonWorkbook, dayOf, timeliness, type ComparisonInput } from './comparison.ts';
import { statedFigures } from './crosscheck.ts';
import { noteText } from '../testing/workbooks.ts';
import { iv, LEDGER, REPORT_TEXT, review } from './testdata/reports.ts';

const jia = review(REPORT_TEXT);
const yi = review(REPORT_TEXT.replaceAll('甲镇', '乙镇').replace('230件', '240件'), '乙镇.txt');

const input: ComparisonInput = {
  county: '某县',
  year: 2024,
  submitBy: '2025-02-28',
  now: '2025-04-10',
  townships: [
    {
      name: '甲镇',
      state: '已公开',
      submittedAt: '2025-02-20T02:00:00Z',
      publishedAt: '2025-03-25',
      figures: statedFigures(jia),
      ledger: LEDGER,
    },
    {
      name: '乙镇',
      state: '已报送',
      submittedAt: '2025-02-28T17:30:00Z', // 1 March in China
      publishedAt: null,
      figures: statedFigures(yi),
      ledger: LEDGER.map((v) => (v.key === 'disputes.found' ? iv(v.key, 240) : v)).filter(
        (v) => v.key !== 'leadership.meetings',
      ),
    },
  ],
};

async function read(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await comparisonWorkbook(input)) as unknown as ExcelJS.Buffer);
  return wb;
}

const rowsOf = (ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] => {
  const out: ExcelJS.CellValue[][] = [];
  ws.eachRow((r) => out.push((r.values as ExcelJS.CellValue[]).slice(1)));
  return out;
};
/** A cell note as read back: plain text, or rich text runs. */
const argb = (c: ExcelJS.Cell): string | undefined =>
  c.fill?.type === 'pattern' ? c.fill.fgColor?.argb : undefined;

describe('comparisonWorkbook', () => {
  it('puts report beside ledger per township, mismatches highlighted', async () => {
    const wb = await read();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['指标对比', '数据出处', '提交与公开']);
    const ws = wb.getWorksheet('指标对比')!;
    expect(rowsOf(ws)[0]).toEqual(['指标', '单位', '甲镇｜报告', '甲镇｜台账', '乙镇｜报告', '乙镇｜台账']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 });
    const found = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === '排查矛盾纠纷')!;
    expect([2, 3, 4, 5, 6].map((c) => found.getCell(c).value)).toEqual(['件', 230, 227, 240, 240]);
    expect(argb(found.getCell(3))).toBe('FFFFC7CE');
    expect(argb(found.getCell(4))).toBe('FFFFC7CE');
    expect(argb(found.getCell(5))).toBeUndefined();
    expect(noteText(found.getCell(3))).toContain('台账为227件（差3件）');
    // Catalogue order: leadership, then publicity, then disputes.
    const labels = rowsOf(ws)
      .slice(1)
      .map((r) => r[0]);
    expect(labels.indexOf('党委/政府专题研究法治建设会议')).toBeLessThan(labels.indexOf('排查矛盾纠纷'));
    expect(labels.indexOf('普法宣传活动')).toBeLessThan(labels.indexOf('排查矛盾纠纷'));
  });

  it('gives each stated figure with its source sentence and ledger value', async () => {
    const ws = (await read()).getWorksheet('数据出处')!;
    const rows = rowsOf(ws);
    expect(rows[0]).toEqual([
      '乡镇',
      '指标',
      '报告数值',
      '单位',
      '原文',
      '出处（报告原句）',
      '台账数值',
      '台账单位',
      '核对结果',
      '说明',
    ]);
    const row = rows.find((r) => r[0] === '甲镇' && r[1] === '排查矛盾纠纷')!;
    expect(row.slice(2, 5)).toEqual([230, '件', '230件']);
    expect(row[5]).toContain('全年共排查矛盾纠纷230件');
    expect(row.slice(6, 9)).toEqual([227, '件', '不一致']);
    expect(rows.find((r) => r[0] === '乙镇' && r[1] === '排查矛盾纠纷')?.[8]).toBe('一致');
    // Only this year's values: the plan's 40场 and the change's 6场 are not rows.
    expect(rows.filter((r) => r[0] === '甲镇' && r[1] === '普法宣传活动').map((r) => r[2])).toEqual([36]);
    const bad = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(9).value === '不一致')!;
    expect(argb(bad.getCell(9))).toBe('FFFFC7CE');
    // No ledger records: yellow, with the warning's message.
    const none = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(9).value === '台账无记录')!;
    expect([none.getCell(1).value, none.getCell(2).value, none.getCell(7).value]).toEqual([
      '乙镇',
      '党委/政府专题研究法治建设会议',
      null,
    ]);
    expect(argb(none.getCell(9))).toBe('FFFFEB9C');
    expect(none.getCell(10).value).toContain('台账中没有党委/政府专题研究法治建设会议的记录');
  });

  it('dates submission and publication in China time against the deadlines', async () => {
    const rows = rowsOf((await read()).getWorksheet('提交与公开')!);
    expect(rows[0]!.slice(0, 6)).toEqual(['乡镇', '状态', '报送日期', '按期报送', '公开日期', '按期公开']);
    expect(rows[1]!.slice(0, 8)).toEqual([
      '甲镇',
      '已公开',
      '2025-02-20',
      '按期',
      '2025-03-25',
      '按期',
      9,
      1,
    ]);
    expect(rows[2]!.slice(0, 6)).toEqual(['乙镇', '已报送', '2025-03-01', '逾期', '', '逾期未完成']);
  });

  it('judges timeliness against now', () => {
    expect(dayOf('2025-03-31T16:00:00Z')).toBe('2025-04-01');
    expect(timeliness(null, '2025-03-31', '2025-03-20')).toBe('pending');
    expect(timeliness(null, '2025-03-31', '2025-04-01')).toBe('missing');
    expect(timeliness('2025-03-31', '2025-03-31', undefined)).toBe('on_time');
  });
});
