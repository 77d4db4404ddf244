import { yearPeriod } from '../../core/dates.ts';
import { UserError } from '../../core/errors.ts';
import { subtree } from '../../core/scope.ts';
import type { Db } from '../../db/connect.ts';
import { getRecord, listRecords } from '../../db/records.repo.ts';
import type { RecordRow } from '../../db/schema.ts';
import type { Org } from '../orgs.ts';
import { portalTownships } from './portal.ts';

/** A proactively disclosed item (主动公开信息) as the public reads it. */
export interface DisclosedItem {
  readonly id: number;
  readonly title: string;
  readonly township: string;
  /** 公开日期 */
  readonly date: string;
  readonly category: string;
  readonly channel: string | null;
  /** 信息形成或变更日期 */
  readonly madeDate: string | null;
  readonly content: string;
}

const CHANNELS: Readonly<Record<string, string>> = {
  website: '政府网站',
  board: '政务公开栏',
  wechat: '微信公众号',
  other: '其他',
};

function toItem(h: Db, r: RecordRow, townships: ReadonlyMap<number, string>): DisclosedItem {
  const data = h.dialect.readJson(r.data);
  const str = (k: string): string | null => (typeof data[k] === 'string' && data[k] !== '' ? data[k] : null);
  return {
    id: r.id,
    title: r.title,
    township: townships.get(r.township_id) ?? '',
    date: r.date,
    category: str('category') ?? '其他',
    channel: CHANNELS[str('channel') ?? ''] ?? null,
    madeDate: str('madeDate'),
    content: str('content') ?? '',
  };
}

/** At most this many items a year per county page (a county publishes a few hundred). */
const YEAR_LIMIT = 5000;

/**
 * The county's 主动公开信息 of a year, newest first, optionally of one township and category, with
 * the categories and townships present (the page's filters).
 */
export async function disclosedItems(
  h: Db,
  county: Org,
  q: { year: number; townshipId?: number | undefined; category?: string | undefined },
) {
  const towns = await portalTownships(h, county);
  const names = new Map(towns.map((t) => [t.id, t.name]));
  const rows = await listRecords(h.db, subtree(county.path), {
    kinds: ['disclosure_item'],
    period: yearPeriod(q.year),
    ...(q.townshipId !== undefined
      ? { org: { column: 'township_id' as const, id: q.townshipId, countyId: county.id } }
      : {}),
    limit: YEAR_LIMIT,
  });
  const all = rows.map((r) => toItem(h, r, names));
  const categories = [...new Set(all.map((i) => i.category))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return {
    items: q.category ? all.filter((i) => i.category === q.category) : all,
    categories,
    townships: towns.map((t) => ({ id: t.id, name: t.name })),
  };
}

/** One item of the county, or a 404 (another county's or another kind's record is not there). */
export async function disclosedItem(h: Db, county: Org, id: number): Promise<DisclosedItem> {
  const r = await getRecord(h.db, subtree(county.path), id);
  if (!r || r.kind !== 'disclosure_item') throw new UserError('该公开信息不存在', 'not_found', 404);
  const towns = await portalTownships(h, county);
  return toItem(h, r, new Map(towns.map((t) => [t.id, t.name])));
}
