import { api } from '../api/client.ts';
import type { LedgerRecord, Page } from '../api/types.ts';

/** Every record of an organisation and year, page by page (the API returns at most 500 a page). */
export async function fetchAllRecords(org: number, year: number, kind?: string): Promise<LedgerRecord[]> {
  const out: LedgerRecord[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await api<Page<LedgerRecord>>('/api/records', {
      query: { org, year, kind, limit: 500, offset },
    });
    out.push(...page.items);
    if (page.items.length < 500 || out.length >= page.total) return out;
  }
}
