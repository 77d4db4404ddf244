import { getKind } from '../catalogue/kinds.ts';
import { markOf, type Calendar } from '../core/calendar.ts';
import type { LedgerRecord } from '../core/records.ts';
import type { Db } from '../db/connect.ts';
import { workingCalendar } from './working-calendar.ts';

/** A record with the statutory-only mark of each due date it stores that relies on one (field key → mark). */
export type MarkedRecord<T extends LedgerRecord = LedgerRecord> = T & {
  readonly marks?: Readonly<Record<string, string>>;
};

/**
 * The marks of a record's stored due dates (办结期限, 补正期限…): a due date counted from the record's
 * date into a year whose holidays are not yet announced carries 按法定节日推算，未含调休.
 */
export function dueMarks(cal: Calendar, r: LedgerRecord): Record<string, string> | null {
  let marks: Record<string, string> | null = null;
  for (const f of getKind(r.kind).fields) {
    const v = r.data[f.key];
    if (f.type !== 'date' || !f.statutoryDue || typeof v !== 'string') continue;
    const mark = markOf(cal, r.date, v);
    if (mark) (marks ??= {})[f.key] = mark;
  }
  return marks;
}

/** The records with their due dates' marks, for lists and exports. */
export async function withDueMarks<T extends LedgerRecord>(
  h: Db,
  records: readonly T[],
): Promise<MarkedRecord<T>[]> {
  const cal = await workingCalendar(h);
  return records.map((r) => {
    const marks = dueMarks(cal, r);
    return marks ? { ...r, marks } : r;
  });
}
