import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { getKind, kinds } from '../../../../catalogue/kinds.ts';
import type { Field } from '../../../../catalogue/fields.ts';
import { isIsoDate } from '../../../../core/dates.ts';
import { kindOf, layoutFixtures } from './fixtures.ts';
import { bodyRow, cellText, rowNumber, rowsAboveHeader } from './layout.ts';
import type { Cell, ExpectedRecord, LayoutFixture, TableSpec } from './types.ts';

/** Columns every kind has besides its data fields. */
const RECORD_COLUMNS = new Set(['date', 'title', 'endDate', 'note', 'org']);
const REQUIRED_KINDS = [
  'publicity_event',
  'study_session',
  'exam_score',
  'dispute',
  'petition',
  'inspection',
  'legal_review',
  'leadership_meeting',
];

const fieldOf = (kind: string, key: string): Field | undefined =>
  getKind(kind).fields.find((f) => f.key === key);
const isTotal = (t: TableSpec, i: number): boolean => Boolean(bodyRow(t.rows[i] ?? 'blank')?.total);

/** The records of a table, paired with the body rows they come from (blank and total rows hold none). */
function pairs(
  f: LayoutFixture,
  t: TableSpec,
): { cells: readonly Cell[]; rec: ExpectedRecord | undefined; i: number }[] {
  const recs = f.expected.filter((r) => (r.sheet ?? f.tables[0]?.sheet) === t.sheet);
  let n = 0;
  return t.rows.flatMap((row, i) => {
    const b = bodyRow(row);
    if (!b || b.total) return [];
    return [{ cells: b.cells, rec: recs[n++], i }];
  });
}

/** Digits as written (全角 too, thousands separators, units and 余/约 around), or null. */
function writtenNumber(v: Cell): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const s = v.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/,/g, '');
  const m = /\d+(\.\d+)?/.exec(s);
  return m ? Number(m[0]) : null;
}

/** The [year?, month, day?] a date cell states, read just far enough to check the fixture against it. */
function writtenDate(v: Cell): [number | null, number, number | null] | null {
  if (v instanceof Date) return [v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()];
  if (typeof v === 'number') return writtenDate(new Date((v - 25_569) * 86_400_000));
  if (typeof v !== 'string') return null;
  const month = /^(\d{4})-(\d{2})$/.exec(v);
  if (month) return [Number(month[1]), Number(month[2]), null];
  const full = /^(\d{4})[年./-]?(\d{1,2})[月./-]?(\d{1,2})日?$/.exec(v);
  if (full) return [Number(full[1]), Number(full[2]), Number(full[3])];
  const noYear = /^(\d{1,2})月(\d{1,2})日$/.exec(v);
  return noYear ? [null, Number(noYear[1]), Number(noYear[2])] : null;
}

function agreesWithDate(v: Cell, iso: string): boolean {
  const w = writtenDate(v);
  const [y, m, d] = iso.split('-').map(Number);
  return w !== null && (w[0] === null || w[0] === y) && w[1] === m && (w[2] === null ? d === 1 : w[2] === d);
}

describe('layout fixtures', () => {
  it('are at least 16 files over at least 8 kinds, the required ones among them, with Word files too', () => {
    expect(layoutFixtures.length).toBeGreaterThanOrEqual(16);
    const used = new Set(layoutFixtures.flatMap((f) => [f.kind, ...(f.sheets ?? []).map((s) => s.kind)]));
    expect(used.size).toBeGreaterThanOrEqual(8);
    for (const k of REQUIRED_KINDS) expect(used).toContain(k);
    expect(layoutFixtures.filter((f) => f.file.endsWith('.docx')).length).toBeGreaterThanOrEqual(2);
    expect(new Set(layoutFixtures.map((f) => f.name)).size).toBe(layoutFixtures.length);
    expect(new Set(layoutFixtures.map((f) => f.file)).size).toBe(layoutFixtures.length);
    expect(layoutFixtures.some((f) => f.expectedTotals?.some((t) => t.ok))).toBe(true);
    expect(layoutFixtures.some((f) => f.expectedTotals?.some((t) => !t.ok))).toBe(true);
    expect(layoutFixtures.some((f) => f.questions?.length)).toBe(true);
  });

  describe.each(layoutFixtures.map((f) => [f.name, f] as const))('%s', (_name, f) => {
    it('names real kinds, and sheets that exist', () => {
      expect(f.file).toMatch(/\.(xlsx|docx)$/);
      const ids = new Set(kinds.map((k) => k.id));
      expect(ids).toContain(f.kind);
      for (const s of f.sheets ?? []) {
        expect(ids).toContain(s.kind);
        expect(f.tables.map((t) => t.sheet)).toContain(s.sheet);
      }
      for (const r of f.expected) if (r.sheet) expect(f.tables.map((t) => t.sheet)).toContain(r.sheet);
    });

    it('maps each column to a field of its kind at most once', () => {
      for (const t of f.tables) {
        const kind = kindOf(f, t.sheet);
        const mapped = t.fields.filter((x): x is string => x !== null);
        expect(new Set(mapped).size, t.sheet).toBe(mapped.length);
        for (const key of mapped)
          expect(RECORD_COLUMNS.has(key) || fieldOf(kind, key) !== undefined, `${t.sheet}: ${key}`).toBe(
            true,
          );
        expect(t.parent?.length ?? t.header.length).toBe(t.header.length);
      }
    });

    it('expects records with ISO dates in the ledger year, real fields and real options', () => {
      expect(f.expected.length).toBeGreaterThan(0);
      for (const r of f.expected) {
        const kind = getKind(kindOf(f, r.sheet));
        const where = `${r.sheet ?? ''} ${r.title}`;
        expect(isIsoDate(r.date), where).toBe(true);
        expect(r.date.slice(0, 4), where).toBe(String(f.year));
        if (r.endDate !== undefined) expect(isIsoDate(r.endDate), where).toBe(true);
        expect(r.title.trim(), where).not.toBe('');
        for (const [key, v] of Object.entries(r.data)) {
          const field = kind.fields.find((x) => x.key === key);
          expect(field, `${where}: ${key}`).toBeDefined();
          if (!field) continue;
          switch (field.type) {
            case 'enum':
              expect(
                field.options.map((o) => o.value),
                `${where}: ${key}`,
              ).toContain(v);
              break;
            case 'int':
              expect(Number.isInteger(v), `${where}: ${key}`).toBe(true);
              break;
            case 'number':
              expect(typeof v, `${where}: ${key}`).toBe('number');
              break;
            case 'bool':
              expect(typeof v, `${where}: ${key}`).toBe('boolean');
              break;
            case 'date':
              expect(isIsoDate(String(v)), `${where}: ${key}`).toBe(true);
              break;
            case 'text':
              expect(typeof v, `${where}: ${key}`).toBe('string');
          }
        }
        for (const field of kind.fields)
          if (field.required) expect(r.data, `${where}: ${field.key}`).toHaveProperty(field.key);
        for (const [a, b] of kind.notGreater ?? []) {
          if (typeof r.data[a] === 'number' && typeof r.data[b] === 'number')
            expect(r.data[a]).toBeLessThanOrEqual(r.data[b]);
        }
        for (const key of r.approx ?? []) expect(typeof r.data[key], `${where}: ${key}`).toBe('number');
      }
    });

    it('expects what the rows say: one record a row, titles, dates, numbers and text as written', () => {
      const asked = new Set((f.questions ?? []).map((q) => `${q.sheet}|${q.row}|${q.column}`));
      let records = 0;
      for (const t of f.tables) {
        const docx = f.file.endsWith('.docx');
        for (const { cells, rec, i } of pairs(f, t)) {
          expect(rec, `${t.sheet} row ${i + 1}`).toBeDefined();
          if (!rec) continue;
          records++;
          expect(cells.length, `${t.sheet} ${rec.title}`).toBe(t.header.length);
          t.fields.forEach((key, c) => {
            const v = cells[c] ?? null;
            const where = `${t.sheet} ${rec.title} ${t.header[c] ?? ''}`;
            if (key === null || asked.has(`${t.sheet}|${rowNumber(t, i, docx)}|${t.header[c] ?? ''}`)) return;
            if (key === 'date') return expect(agreesWithDate(v, rec.date), where).toBe(true);
            if (key === 'title' || key === 'note' || key === 'org') {
              return expect(rec[key] ?? null, where).toBe(v === null ? null : cellText(v));
            }
            const field = fieldOf(kindOf(f, t.sheet), key);
            const want = rec.data[key];
            if (v === null) return expect(want, where).toBeUndefined();
            if (field?.type === 'int' || field?.type === 'number') expect(want, where).toBe(writtenNumber(v));
            if (field?.type === 'text') expect(want, where).toBe(cellText(v));
            if (field?.type === 'date') expect(agreesWithDate(v, String(want)), where).toBe(true);
            if (field?.type === 'enum' || field?.type === 'bool') expect(want, where).toBeDefined();
          });
        }
      }
      expect(records).toBe(f.expected.length);
    });

    it('says rightly whether each 合计/小计 row agrees with the rows it totals', () => {
      for (const t of f.tables) {
        const rows = pairs(f, t);
        t.rows.forEach((row, i) => {
          const b = bodyRow(row);
          if (!b?.total) return;
          const label = cellText(b.cells[0] ?? null) + cellText(b.cells[1] ?? null);
          expect(label).toMatch(/合计|小计/);
          const prev = t.rows.slice(0, i).findLastIndex((_r, j) => isTotal(t, j));
          const covered = rows.filter((p) => p.i < i && (!label.includes('小计') || p.i > prev));
          const agrees = t.fields.every((key, c) => {
            const v = b.cells[c];
            if (key === null || typeof v !== 'number') return true;
            return covered.reduce((s, p) => s + Number(p.rec?.data[key] ?? 0), 0) === v;
          });
          expect(agrees, `${t.sheet} ${label}`).toBe(b.total.ok);
        });
      }
    });

    it('asks only about cells that hold something, under headers that exist', () => {
      for (const q of f.questions ?? []) {
        const t = f.tables.find((x) => x.sheet === q.sheet);
        const c = t?.header.indexOf(q.column) ?? -1;
        expect(c, q.column).toBeGreaterThanOrEqual(0);
        const i = t ? t.rows.findIndex((_r, j) => rowNumber(t, j, f.file.endsWith('.docx')) === q.row) : -1;
        const cell = t ? bodyRow(t.rows[i] ?? 'blank')?.cells[c] : undefined;
        expect(cell ?? null, `${q.sheet} ${q.row} ${q.column}`).not.toBeNull();
        expect(q.why).toMatch(/[\u4e00-\u9fff]/);
      }
    });

    it('builds the same file every time, laid out as declared', async () => {
      const bytes = await f.build();
      expect(Buffer.from(await f.build()).equals(Buffer.from(bytes))).toBe(true);
      if (f.file.endsWith('.docx')) {
        const xml = strFromU8(unzipSync(bytes)['word/document.xml'] ?? new Uint8Array());
        const text = xml.replace(/<[^>]+>/g, '');
        expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(f.tables.length);
        const rowsDeclared = f.tables.reduce((s, t) => s + (t.parent ? 2 : 1) + t.rows.length, 0);
        expect((xml.match(/<w:tr[ >]/g) ?? []).length).toBe(rowsDeclared);
        for (const t of f.tables) {
          for (const h of [t.title ?? '', ...t.header, ...(t.parent ?? [])]) expect(text).toContain(h);
          for (const row of t.rows)
            for (const v of bodyRow(row)?.cells ?? []) expect(text).toContain(cellText(v));
        }
        return;
      }
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(f.tables.map((t) => t.sheet));
      for (const t of f.tables) {
        const ws = wb.getWorksheet(t.sheet);
        if (!ws) continue;
        if (t.title) expect(ws.getCell(1, 1).value).toBe(t.title);
        const headerRow = rowsAboveHeader(t) + (t.parent ? 2 : 1);
        t.header.forEach((h, c) => {
          const r = t.parent?.[c] === '' ? headerRow - 1 : headerRow;
          expect(ws.getCell(r, c + 1).value, `${t.sheet} ${h}`).toBe(h);
        });
        t.rows.forEach((row, i) => {
          const cells = bodyRow(row)?.cells ?? t.header.map(() => null);
          cells.forEach((v, c) => {
            const got = ws.getCell(rowNumber(t, i, false), c + 1).value;
            expect(got instanceof Date ? got.getTime() : got, `${t.sheet} ${i} ${c}`).toEqual(
              v instanceof Date ? v.getTime() : v,
            );
          });
        });
      }
    });
  });
});
