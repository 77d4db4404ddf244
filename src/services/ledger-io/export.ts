import { valueText, type FieldValue } from '../../catalogue/fields.ts';
import { kinds, type RecordKind } from '../../catalogue/kinds.ts';
import { yearPeriod } from '../../core/dates.ts';
import { UserError } from '../../core/errors.ts';
import type { LedgerRecord } from '../../core/records.ts';
import { ALL, subtree } from '../../core/scope.ts';
import type { Db } from '../../db/connect.ts';
import type { AuditEvent } from '../audit.ts';
import { withDueMarks, type MarkedRecord } from '../due-marks.ts';
import { allOrgs, orgFilter, type Org } from '../orgs.ts';
import { listVisibleRecords } from '../ledger-writes.ts';
import type { Principal } from '../access.ts';
import { listLedger, type LedgerQuery as RecordQuery } from '../records.ts';
import { isoToExcelDate } from './cells.ts';
import { kindColumns, type LedgerColumn } from './layout.ts';
import { writeLedgerBook, type LedgerSheet, type OutCell } from './write.ts';

const registryKinds = kinds.filter((k) => k.temporal === 'registry').map((k) => k.id);

/** The cell a record shows in a column: labels for codes, 是/否 for flags, real dates for dates. */
function cellOf(c: LedgerColumn, r: MarkedRecord, orgName: (id: number | null) => string | null): OutCell {
  switch (c.role.kind) {
    case 'township':
      return orgName(r.townshipId);
    case 'date':
      return isoToExcelDate(r.date);
    case 'endDate':
      return r.endDate ? isoToExcelDate(r.endDate) : null;
    case 'title':
      return r.title;
    case 'org':
      return orgName(r.orgId);
    case 'field': {
      const f = c.role.field;
      const v: FieldValue | undefined = r.data[f.key];
      if (v === undefined || v === null) return null;
      switch (f.type) {
        case 'enum':
        case 'bool':
          return valueText(f, v);
        case 'date': {
          if (typeof v !== 'string') return null;
          // A due date counted on statutory holidays only says so; the import reads it back as the date.
          const mark = r.marks?.[f.key];
          return mark ? `${v}（${mark}）` : isoToExcelDate(v);
        }
        case 'int':
        case 'number':
        case 'text':
          return v;
      }
    }
  }
}

/** Sorted for reading: by township, then date, then entry order. */
const byDate = (a: LedgerRecord, b: LedgerRecord): number =>
  a.townshipId - b.townshipId || (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id);

/**
 * A year's ledger of a township or a county as an .xlsx in the template's layout: one sheet per kind
 * with records (event kinds dated in the year; registry kinds active at its end). A county's file
 * has a leading 乡镇（街道） column; a township's file re-imports as it is.
 */
export async function exportLedger(
  h: Db,
  org: Org,
  year: number,
  /** Writes the workbook (default: here; the server runs it on a worker thread). */
  write: (sheets: readonly LedgerSheet[]) => Promise<Uint8Array> = writeLedgerBook,
): Promise<Buffer> {
  checkOrg(org);
  const { items } = await listLedger(h, ALL, {
    org: orgFilter(org),
    period: yearPeriod(year),
    registryKinds,
    limit: Number.MAX_SAFE_INTEGER,
  });
  return ledgerBook(
    h,
    org,
    await withDueMarks(h, items),
    `${org.name} ${year} 年没有台账记录，无可导出`,
    write,
  );
}

/**
 * The records a person sees under a list's filters (scope, kinds the role reads, own records only
 * where the role is limited to them, and a selection when given) as an .xlsx in the template's layout.
 */
export async function exportVisible(
  h: Db,
  p: Principal,
  org: Org,
  q: RecordQuery,
  write: (sheets: readonly LedgerSheet[]) => Promise<Uint8Array> = writeLedgerBook,
): Promise<{ bytes: Buffer; rows: number }> {
  checkOrg(org);
  const { items } = await listVisibleRecords(h, p, {
    ...q,
    org: orgFilter(org),
    registryKinds,
    limit: Number.MAX_SAFE_INTEGER,
    offset: 0,
  });
  const bytes = await ledgerBook(h, org, items, '没有符合条件的台账记录，无可导出', write);
  return { bytes, rows: items.length };
}

function checkOrg(org: Org): void {
  if (org.kind !== 'township' && org.kind !== 'county') {
    throw new UserError(`只能导出乡镇（街道）或县（区）的台账，“${org.name}”不是`, 'bad_org');
  }
}

async function ledgerBook(
  h: Db,
  org: Org,
  items: readonly MarkedRecord[],
  empty: string,
  write: (sheets: readonly LedgerSheet[]) => Promise<Uint8Array>,
): Promise<Buffer> {
  const names = new Map((await allOrgs(h, subtree(org.path))).map((o) => [o.id, o.name]));
  const orgName = (id: number | null): string | null => (id === null ? null : (names.get(id) ?? String(id)));
  const byKind = new Map<string, MarkedRecord[]>();
  for (const r of items) {
    const list = byKind.get(r.kind);
    if (list) list.push(r);
    else byKind.set(r.kind, [r]);
  }
  if (byKind.size === 0) throw new UserError(empty, 'nothing_to_export', 404);
  const county = org.kind === 'county';
  const sheets: LedgerSheet[] = [];
  for (const kind of kinds) {
    const records = byKind.get(kind.id);
    if (records) sheets.push(sheetOf(kind, records.sort(byDate), county, orgName));
  }
  const bytes = await write(sheets);
  // A worker's answer arrives as a plain Uint8Array (structured clone drops Buffer's prototype).
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The audit entry of a ledger exported for someone: whose, which year, how large, and under which
 * filters (with how many rows) when it was a list's filtered or selected rows.
 */
export function ledgerExported(
  org: Org,
  year: number | null,
  bytes: Buffer,
  filtered?: { readonly filters: Readonly<Record<string, unknown>>; readonly rows: number },
): AuditEvent {
  return {
    action: 'ledger.export',
    targetType: 'org',
    targetId: org.id,
    after: { year, bytes: bytes.length, ...(filtered ?? {}) },
  };
}

function sheetOf(
  kind: RecordKind,
  records: readonly MarkedRecord[],
  county: boolean,
  orgName: (id: number | null) => string | null,
): LedgerSheet {
  const cols = kindColumns(kind, { township: county });
  return { kind: kind.id, county, rows: records.map((r) => cols.map((c) => cellOf(c, r, orgName))) };
}
