import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { comparisonWorkbook } from './comparison.ts';
import { statedFigures } from './crosscheck.ts';
import { noteText } from '../testing/workbooks.ts';
import { review } from './testdata/reports.ts';

const TEXT = [
  '丙镇2024年法治政府建设工作报告',
  '一、主要举措和成效',
  '组织法治宣讲3次。全年共开展普法宣传活动28次，其中送法进校园活动5次。',
  '二、存在的不足和原因',
  '普法形式较单一，原因是人员不足。',
].join('\n');

describe('comparisonWorkbook headline', () => {
  it("shows the year's total, not the first figure, and says why", async () => {
    const wb = new ExcelJS.Workbook();
    const buf = await comparisonWorkbook({
      county: '某县',
      year: 2024,
      townships: [
        {
          name: '丙镇',
          state: '已报送',
          submittedAt: null,
          publishedAt: null,
          figures: statedFigures(review(TEXT, '丙镇.txt')),
          ledger: [],
        },
      ],
    });
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('指标对比')!;
    const row = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === '普法宣传活动')!;
    expect(row.getCell(3).value).toBe(28);
    expect(noteText(row.getCell(3))).toContain('取“28次”');
  });
});
