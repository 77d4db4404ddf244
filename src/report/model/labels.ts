import { valueText } from '../../catalogue/fields.ts';
import { getKind } from '../../catalogue/kinds.ts';
import type { LedgerRecord } from '../../core/records.ts';

/** The Chinese label of an enum field's stored value (land → 土地山林纠纷), or null. */
export function optionLabel(kind: string, field: string, value: unknown): string | null {
  const f = getKind(kind).fields.find((x) => x.key === field);
  if (!f || f.type !== 'enum' || typeof value !== 'string') return null;
  return f.options.some((o) => o.value === value) ? valueText(f, value) : null;
}

/** The labels of a field across records, most frequent first, skipping values in `skip`. */
export function topLabels(
  records: readonly LedgerRecord[],
  field: string,
  skip: readonly string[] = [],
  max = 3,
): string[] {
  const counts = new Map<string, number>();
  for (const r of records) {
    const v = r.data[field];
    if (typeof v !== 'string' || skip.includes(v)) continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const first = records[0];
  if (!first) return [];
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([v]) => optionLabel(first.kind, field, v) ?? v);
}

/** A commitment's short title: the part before "：" (saveCommitments stores "title：text"). */
export const shortTitle = (r: LedgerRecord): string => r.title.split('：')[0] ?? r.title;

const num = (r: LedgerRecord, field: string): number => {
  const v = r.data[field];
  return typeof v === 'number' ? v : 0;
};

/** Records ordered by a numeric field, largest first (the most notable examples). */
export function byLargest(records: readonly LedgerRecord[], field: string): LedgerRecord[] {
  return [...records].sort((a, b) => num(b, field) - num(a, field) || a.date.localeCompare(b.date));
}
