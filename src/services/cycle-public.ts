/** Published reports as the public reads them, and the files of a report's versions. */
import { UserError } from '../core/errors.ts';
import * as repo from '../db/cycle.repo.ts';
import type { Db } from '../db/connect.ts';
import { requireAction, type Principal } from './access.ts';
import { requireOrg } from './orgs.ts';
import { visibleTownship } from './cycle-shared.ts';

/** A stored file of a report version (signed, uploaded or published), for those who may see it. */
export async function versionFile(
  h: Db,
  p: Principal,
  townshipId: number,
  year: number,
  seq: number,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  requireAction(p, 'cycle.read');
  const org = await visibleTownship(h, p, townshipId);
  const row = await repo.getReport(h.db, org.id, year);
  const v = row ? await repo.getVersion(h.db, row.id, seq) : undefined;
  if (!v?.file || !v.file_name) throw new UserError(`第 ${seq} 版没有文件`, 'not_found', 404);
  return { fileName: v.file_name, bytes: v.file };
}

/** Published reports for the public page (no login): county, township, year, date. */
export async function publicReports(h: Db, countyId?: number) {
  const rows = await repo.publishedReports(h.db, countyId);
  const counties = new Map<number, string>();
  for (const r of rows)
    if (!counties.has(r.county_id)) counties.set(r.county_id, (await requireOrg(h, r.county_id)).name);
  return rows.map((r) => ({
    county: counties.get(r.county_id) ?? '',
    township: r.name,
    code: r.code,
    year: r.year,
    publishedAt: r.published_at,
  }));
}

const publicFileType = (name: string): 'docx' | 'txt' => (/\.txt$/i.test(name) ? 'txt' : 'docx');

/** A township's published report of a year, or a 404 in Chinese. */
async function publishedRow(h: Db, townshipCode: string, year: number) {
  const row = (await repo.publishedReports(h.db)).find((r) => r.code === townshipCode && r.year === year);
  if (!row || row.published_seq === null) throw new UserError('该报告尚未公开', 'not_found', 404);
  return { ...row, published_seq: row.published_seq };
}

/** One published report as the public reads it: its text (redactions applied) and corrections. */
export async function publicReport(h: Db, townshipCode: string, year: number) {
  const row = await publishedRow(h, townshipCode, year);
  const v = await repo.getVersion(h.db, row.id, row.published_seq);
  const versions = await repo.versionsOf(h.db, row.id);
  return {
    township: row.name,
    code: row.code,
    county: (await requireOrg(h, row.county_id)).name,
    year,
    publishedAt: row.published_at,
    text: v?.text ?? '',
    hasFile: Boolean(v?.file),
    /** The published file's type as its link names it: docx or txt. */
    fileType: v?.file && v.file_name ? publicFileType(v.file_name) : null,
    corrections: versions
      .filter((x) => x.kind === 'published' && x.note)
      .map((x) => ({ at: x.created_at, note: x.note })),
  };
}

/** The published file: the signed .docx, or its redacted copy when the 保密审查 withheld passages. */
export async function publicReportFile(h: Db, townshipCode: string, year: number) {
  const row = await publishedRow(h, townshipCode, year);
  const v = await repo.getVersion(h.db, row.id, row.published_seq);
  if (!v?.file || !v.file_name) throw new UserError('该报告没有可下载的公开文件', 'not_found', 404);
  return { fileName: v.file_name, bytes: v.file };
}
