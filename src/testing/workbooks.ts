import ExcelJS from 'exceljs';
import type { Db } from '../db/connect.ts';
import { buildTemplate } from '../services/ledger-io/template.ts';

/** Helpers for the ledger import/export tests: real workbooks written and read with exceljs. */

export type Row = readonly (string | number | boolean | Date | null)[];

export async function countRecords(h: Db): Promise<number> {
  const r = await h.db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countImports(h: Db): Promise<number> {
  const r = await h.db
    .selectFrom('imports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

/** A cell's note as its plain text (exceljs gives a string or rich-text runs). */
export const noteText = (c: ExcelJS.Cell): string => {
  const n = c.note;
  return typeof n === 'string' ? n : (n?.texts ?? []).map((t) => t.text).join('');
};

/**
 * A township's report cell for an indicator in the county's comparison workbook (sheet 指标对比,
 * column 乡镇｜报告, row by the indicator's label): its value and note; undefined when there is
 * no such column or row.
 */
export async function comparisonCell(
  bytes: Uint8Array,
  township: string,
  label: string,
): Promise<{ value: ExcelJS.CellValue; note: string } | undefined> {
  const ws = (await loadWorkbook(bytes)).getWorksheet('指标对比');
  const col =
    (ws?.getRow(1).values as unknown[] | undefined)?.findIndex((v) => v === `${township}｜报告`) ?? -1;
  const row = ws?.getRows(2, ws.rowCount - 1)?.find((r) => r.getCell(1).value === label);
  if (col < 1 || !row) return undefined;
  const cell = row.getCell(col);
  return { value: cell.value, note: noteText(cell) };
}

export async function toBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The kind's template with `rows` typed below its hint row, as a township would fill it in. */
export async function filledTemplate(kindId: string, rows: readonly Row[]): Promise<Buffer> {
  const wb = await loadWorkbook(await buildTemplate(kindId));
  const ws = wb.worksheets.find((w) => w.state === 'visible');
  if (!ws) throw new Error('template has no visible sheet');
  for (const r of rows) ws.addRow([...r]);
  return toBytes(wb);
}

/** A hand-made workbook: plain sheets with the given rows, no hidden sheet. */
export async function plainWorkbook(
  sheets: readonly { name: string; rows: readonly Row[] }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow([...r]);
  }
  return toBytes(wb);
}

export const utc = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
