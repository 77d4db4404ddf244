import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  VerticalMergeType,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { bodyRow, cellText, derive } from './layout.ts';
import type { ExpectedRecord, LayoutFixture, TableSpec } from './types.ts';

/** Fixed timestamps, so a fixture builds to the same bytes every time. */
const STAMP = '2025-01-06T00:00:00Z';

/** Rewrites a zip (xlsx, docx) with fixed member times and document dates. */
function settle(bytes: Uint8Array): Uint8Array {
  const members = unzipSync(bytes);
  const core = members['docProps/core.xml'];
  if (core) {
    const xml = strFromU8(core).replace(
      /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
      `$1${STAMP}$3`,
    );
    members['docProps/core.xml'] = strToU8(xml);
  }
  return zipSync(members, { mtime: new Date(STAMP) });
}

/** The header rows of a table, parents first, with the merges as [row, col, toRow, toCol] (0-based). */
function headerGrid(t: TableSpec): { rows: string[][]; merges: [number, number, number, number][] } {
  if (!t.parent) return { rows: [[...t.header]], merges: [] };
  const top: string[] = [];
  const merges: [number, number, number, number][] = [];
  for (let c = 0; c < t.header.length; c++) {
    const p = t.parent[c] ?? '';
    if (p === '') {
      top.push(t.header[c] ?? '');
      merges.push([0, c, 1, c]);
      continue;
    }
    top.push(p);
    if (c === 0 || t.parent[c - 1] !== p) {
      let end = c;
      while (t.parent[end + 1] === p) end++;
      if (end > c) merges.push([0, c, 0, end]);
    }
  }
  return { rows: [top, t.header.map((h, c) => (t.parent?.[c] === '' ? '' : h))], merges };
}

function addSheet(wb: ExcelJS.Workbook, t: TableSpec): void {
  const ws = wb.addWorksheet(t.sheet);
  const width = t.header.length;
  t.widths?.forEach((w, c) => (ws.getColumn(c + 1).width = w));
  let r = 1;
  const line = (text: string, bold: boolean): void => {
    ws.getCell(r, 1).value = text;
    ws.getCell(r, 1).font = { bold, size: bold ? 16 : 11 };
    ws.mergeCells(r, 1, r, width);
    r++;
  };
  if (t.title) line(t.title, true);
  for (const l of t.lines ?? []) line(l, false);
  if (t.blankBeforeHeader) r++;
  const grid = headerGrid(t);
  const top = r;
  for (const hr of grid.rows) {
    hr.forEach((h, c) => {
      if (h) ws.getCell(r, c + 1).value = h;
      ws.getCell(r, c + 1).font = { bold: true };
    });
    r++;
  }
  for (const [r0, c0, r1, c1] of grid.merges) ws.mergeCells(top + r0, c0 + 1, top + r1, c1 + 1);
  for (const row of t.rows) {
    const b = bodyRow(row);
    b?.cells.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(r, c + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = 'yyyy"年"m"月"d"日"';
    });
    r++;
  }
  for (const l of t.footer ?? []) {
    ws.getCell(r, 1).value = l;
    r++;
  }
}

/** An .xlsx fixture, one worksheet per table. */
export function xlsxFixture(
  f: Omit<LayoutFixture, 'build' | 'expectedTotals' | 'questions' | 'columns'>,
): LayoutFixture {
  return {
    ...f,
    ...derive(f.tables, false),
    async build() {
      const wb = new ExcelJS.Workbook();
      wb.creator = '桃源镇司法所';
      wb.created = wb.modified = new Date(STAMP);
      for (const t of f.tables) addSheet(wb, t);
      return settle(new Uint8Array(await wb.xlsx.writeBuffer()));
    },
  };
}

const para = (text: string, title = false): Paragraph =>
  new Paragraph({
    text,
    alignment: title ? AlignmentType.CENTER : AlignmentType.LEFT,
    ...(title ? { heading: 'Heading1' as const } : {}),
  });

function docxTable(t: TableSpec): Table {
  const grid = headerGrid(t);
  const headerRows = grid.rows.map(
    (hr, ri) =>
      new TableRow({
        tableHeader: true,
        children: hr.flatMap((h, c) => {
          const across = grid.merges.find(([r0, c0, r1]) => r0 === ri && r1 === ri && c0 === c);
          const inside = grid.merges.some(([r0, c0, r1, c1]) => r0 === ri && r1 === ri && c > c0 && c <= c1);
          if (inside) return [];
          const down = grid.merges.find(([r0, c0, r1]) => r1 > r0 && c0 === c);
          return [
            new TableCell({
              children: [para(ri === 1 && down ? '' : h)],
              ...(across ? { columnSpan: across[3] - across[1] + 1 } : {}),
              ...(down
                ? { verticalMerge: ri === 0 ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE }
                : {}),
            }),
          ];
        }),
      }),
  );
  const body = t.rows.map((row) => {
    const cells = bodyRow(row)?.cells ?? t.header.map(() => null);
    return new TableRow({ children: cells.map((v) => new TableCell({ children: [para(cellText(v))] })) });
  });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [...headerRows, ...body] });
}

/** A .docx fixture: each table with its title and lines as paragraphs above it. */
export function docxFixture(
  f: Omit<LayoutFixture, 'build' | 'expectedTotals' | 'questions' | 'columns'>,
): LayoutFixture {
  return {
    ...f,
    ...derive(f.tables, true),
    async build() {
      const children = f.tables.flatMap((t) => [
        ...(t.title ? [para(t.title, true)] : []),
        ...(t.lines ?? []).map((l) => para(l)),
        docxTable(t),
        ...(t.footer ?? []).map((l) => para(l)),
      ]);
      const doc = new Document({ creator: '桃源镇司法所', sections: [{ children }] });
      return settle(new Uint8Array(await Packer.toBuffer(doc)));
    },
  };
}

/** Records of one sheet, tagged with it. */
export const onSheet = (sheet: string, records: ExpectedRecord[]): ExpectedRecord[] =>
  records.map((r) => ({ sheet, ...r }));
