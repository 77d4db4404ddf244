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
