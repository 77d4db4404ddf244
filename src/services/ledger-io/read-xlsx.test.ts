import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadWorkbook, toBytes, utc } from '../../testing/workbooks.ts';
import { plainCell } from './cells.ts';
import { xlsxLimits } from './format.ts';
import { readXlsx } from './read-xlsx.ts';

const limits = xlsxLimits(20 * 1024 * 1024);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('readXlsx', () => {
  it('reads every cell shape as exceljs’s whole-workbook reader does', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    wb.addWorksheet('第二页').addRow(['后一页']);
    ws.addRow([
      { richText: [{ text: '宪法', font: { bold: true } }, { text: '宣传' }] },
      { formula: '1+1', result: 2 },
      { formula: 'NA()', result: { error: '#N/A' } },
      { formula: 'TRUE()', result: true },
      utc('2023-03-15'),
      { text: '链接', hyperlink: 'https://example.org' },
      '共享字符串',
      42,
      { error: '#DIV/0!' },
      false,
      { formula: 'A1', result: '宪法宣传' },
      45000,
      { formula: 'DATE(2024,1,2)', result: utc('2024-01-02') },
      { formula: 'B1*2' },
    ]);
    ws.addRow([]);
    ws.getCell('C4').value = '隔行';
    const bytes = await toBytes(wb);
    const sheets = readXlsx('x.xlsx', bytes, limits);
    const whole = await loadWorkbook(bytes);
    expect(sheets.map((s) => s.name)).toEqual(['台账', '第二页']);
    const expected: { number: number; cells: unknown[] }[] = [];
    whole.getWorksheet('台账')?.eachRow((row, number) => {
      const values = row.values as unknown[];
      // As the whole-workbook import read it: holes in the sparse row are blank cells.
      expected.push({ number, cells: Array.from(values.slice(1), (v) => plainCell(v)) });
    });
    expect(sheets[0]?.rows).toEqual(expected);
    expect(sheets[0]?.rows[0]?.cells).toEqual([
      '宪法宣传',
      2,
      { cellError: '#N/A' },
      true,
      utc('2023-03-15'),
      '链接',
      '共享字符串',
      42,
      { cellError: '#DIV/0!' },
      false,
      '宪法宣传',
      45000,
      utc('2024-01-02'),
      null,
    ]);
    expect(sheets[0]?.rows[1]).toEqual({ number: 4, cells: [null, null, '隔行'] });
  });

  it('reads inline strings without their phonetic guide, Chinese built-in date formats and 1904 dates', () => {
    const sheet = `<worksheet><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><r><t>普法</t></r><r><t xml:space="preserve"> 活动</t></r><rPh sb="0" eb="1"><t>pu</t></rPh></is></c>
<c r="C1" s="1"><v>0</v></c><c r="D1" s="2"><v>1</v></c><c r="E1" t="str"><f>A1</f><v>x&amp;y</v></c></row>
</sheetData></worksheet>`;
    const bytes = zipSync({
      '[Content_Types].xml': utf8('<Types/>'),
      'xl/workbook.xml': utf8(
        '<workbook><workbookPr date1904="1"/><sheets><sheet name="手工表" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': utf8(
        '<Relationships><Relationship Id="rId1" Type="worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/styles.xml': utf8(
        '<styleSheet><cellStyleXfs><xf numFmtId="31"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="0"/></cellXfs></styleSheet>',
      ),
      'xl/worksheets/sheet1.xml': utf8(sheet),
    });
    const [s] = readXlsx('手工.xlsx', bytes, limits);
    expect(s?.name).toBe('手工表');
    expect(s?.rows[0]?.cells).toEqual(['普法 活动', null, utc('1904-01-01'), 1, 'x&y']);
  });

  it('refuses a workbook whose sheet inflates past the limits, whatever its header says', () => {
    const bomb = zipSync({
      'xl/workbook.xml': utf8('<workbook/>'),
      'xl/worksheets/sheet1.xml': new Uint8Array(30 * 1024 * 1024).fill(32),
    });
    expect(() => readXlsx('台账.xlsx', bomb, xlsxLimits(1024 * 1024))).toThrow(
      /^文件“台账\.xlsx”.*（疑似压缩炸弹），已停止解压$/,
    );
  });
});
