import type { RecordKind } from '../src/catalogue/kinds.ts';
import { isoToExcelDate } from '../src/services/ledger-io/cells.ts';
import { kindColumns } from '../src/services/ledger-io/layout.ts';
import { LedgerWorkbook, type OutCell } from '../src/services/ledger-io/write.ts';
import { syntheticDrafts } from './synthetic.ts';

/**
 * A township's ledger of `n` rows of one kind as the template lays it out (header, hint row,
 * dropdowns, hidden sheet), dates as real Excel dates and choices as their Chinese labels.
 */
export async function ledgerXlsx(kind: RecordKind, n: number, year = 2024): Promise<Buffer> {
  const cols = kindColumns(kind);
  const rows = syntheticDrafts(n, year, 7, kind).map(({ draft }) =>
    cols.map((c): OutCell => {
      switch (c.role.kind) {
        case 'date':
          return isoToExcelDate(String(draft.date));
        case 'title':
          return typeof draft.title === 'string' ? draft.title : null;
        case 'field': {
          const v = draft.data[c.role.field.key];
          if (typeof v === 'boolean') return v ? '是' : '否';
          return typeof v === 'string' || typeof v === 'number' ? v : null;
        }
        case 'endDate':
        case 'org':
        case 'township':
          return null;
      }
    }),
  );
  const book = new LedgerWorkbook();
  book.addSheet(kind, cols, rows);
  return book.toBuffer();
}
