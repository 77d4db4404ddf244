import { describe, expect, it } from 'vitest';
import { UserError } from '../../core/errors.ts';
import { xlsxOf, xlsxWithSheetXml } from '../../testing/synthetic-files.ts';
import { DEFAULT_MAX_IMPORT_BYTES } from './format.ts';
import { MAX_COLUMNS, MAX_ROWS } from './read-xlsx.ts';
import { MAX_CELL_CHARS, readSheets } from './read.ts';

const refusal = (f: () => unknown): UserError => {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('ledger file limits', () => {
  it('refuses an .xlsx sheet wider than the column limit, naming the sheet', () => {
    const wide = xlsxOf('纠纷', [Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `列${i}`)]);
    const e = refusal(() => readSheets('宽.xlsx', wide, 'xlsx', DEFAULT_MAX_IMPORT_BYTES));
    expect(e).toMatchObject({ code: 'too_many_columns', status: 413 });
    expect(e.message).toBe(
      `文件“宽.xlsx”的工作表“纠纷”有数据超过 ${MAX_COLUMNS} 列的上限：请删去多余的列后再导入`,
    );
  });

  it('stops a row that never ends within a chunk, before it is held whole', () => {
    // One row of 2 million cells with no references: the open row is measured as it grows.
    const cells = '<c><v>1</v></c>'.repeat(2_000_000);
    const xml = `<worksheet><sheetData><row>${cells}</row></sheetData></worksheet>`;
    const e = refusal(() =>
      readSheets('长.xlsx', xlsxWithSheetXml('纠纷', xml), 'xlsx', DEFAULT_MAX_IMPORT_BYTES),
    );
    expect(e.code).toBe('too_many_columns');
  });

  it('accepts a sheet at exactly the column limit', () => {
    const ok = xlsxOf('纠纷', [Array.from({ length: MAX_COLUMNS }, (_, i) => `列${i}`)]);
    expect(readSheets('宽.xlsx', ok, 'xlsx', DEFAULT_MAX_IMPORT_BYTES)[0]?.rows[0]?.cells).toHaveLength(
      MAX_COLUMNS,
    );
  });

  it('refuses a CSV over the row or column limit', () => {
    const long = new TextEncoder().encode('a\n'.repeat(MAX_ROWS + 1));
    expect(refusal(() => readSheets('长.csv', long, 'csv', DEFAULT_MAX_IMPORT_BYTES))).toMatchObject({
      code: 'too_many_rows',
      message: `文件“长.csv”有 ${MAX_ROWS + 1} 行，超过上限 ${MAX_ROWS} 行：请按年度或类型拆分后分别导入`,
    });
    const wide = new TextEncoder().encode(`a\n${','.repeat(MAX_COLUMNS)}x\n`);
    expect(refusal(() => readSheets('宽.csv', wide, 'csv', DEFAULT_MAX_IMPORT_BYTES))).toMatchObject({
      code: 'too_many_columns',
      message: `文件“宽.csv”第 2 行有 ${MAX_COLUMNS + 1} 列，超过上限 ${MAX_COLUMNS} 列`,
    });
  });

  it('refuses a cell longer than Excel allows, in an .xlsx or a CSV', () => {
    const long = '法'.repeat(MAX_CELL_CHARS + 1);
    const xlsx = xlsxOf('纠纷', [['标题'], [long]]);
    expect(refusal(() => readSheets('长.xlsx', xlsx, 'xlsx', DEFAULT_MAX_IMPORT_BYTES))).toMatchObject({
      code: 'cell_too_long',
      message: `文件“长.xlsx”的工作表“纠纷”第 2 行有单元格超过 ${MAX_CELL_CHARS} 个字符（Excel 单元格的上限）`,
    });
    const csv = new TextEncoder().encode(`标题\n"${long}"\n`);
    expect(refusal(() => readSheets('长.csv', csv, 'csv', DEFAULT_MAX_IMPORT_BYTES)).code).toBe(
      'cell_too_long',
    );
    const fits = xlsxOf('纠纷', [['标题'], ['法'.repeat(MAX_CELL_CHARS)]]);
    expect(readSheets('长.xlsx', fits, 'xlsx', DEFAULT_MAX_IMPORT_BYTES)[0]?.rows).toHaveLength(2);
  });
});
