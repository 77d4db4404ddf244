import { getKind, groups } from '../catalogue/kinds.ts';
import { isIsoDate, MAX_DATE, MIN_DATE } from '../core/dates.ts';
import { UserError } from '../core/errors.ts';
import type { Db } from '../db/connect.ts';
import type { NewRecordRow } from '../db/schema.ts';
import { loadCommitments, loadReportInputs } from '../report/load.ts';
import { buildReport } from '../report/model/build.ts';
import type {
  Figure,
  PlanItem,
  ReportDocumentOptions,
  ReportModel,
  ReportOverrides,
} from '../report/model/types.ts';
import { renderDocx } from '../report/render/docx.ts';
import { renderHtml } from '../report/render/html.ts';
import { renderMarkdown } from '../report/render/markdown.ts';
import { renderSources } from '../report/render/sources.ts';
import type { AuditEvent } from './audit.ts';
import { countyOf, resolveOrg, type Org } from './orgs.ts';
import { prepareRows, subOrgIndex } from './records.ts';

export type ReportFormat = 'docx' | 'md' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['docx', 'md', 'html'];

const MIME: Readonly<Record<ReportFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

export interface ReportRequest {
  /** A township or county, by name, code or as resolved. */
  readonly org: string | Org;
  readonly year: number;
  readonly format: ReportFormat;
  readonly overrides?: ReportOverrides;
  /** 成文日期 and 版记 (抄送, 印发机关, 印发日期); checked by `checkDocumentOptions`. */
  readonly document?: ReportDocumentOptions;
  /** ISO timestamp: the cut-off of a year not yet over. */
  readonly now: string;
  /** Renders the built model (default: renderReport here; the server runs it on a worker thread). */
  readonly render?: (m: ReportModel, format: ReportFormat, org: Org) => Promise<Uint8Array>;
}

export interface GeneratedReport {
  readonly fileName: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
  readonly placeholders: readonly string[];
  readonly figures: readonly Figure[];
  readonly plans: readonly PlanItem[];
  /** Part 2's shortcomings found in the data, with the ids their causes are confirmed under. */
  readonly shortcomings: ReportModel['shortcomings'];
}

const EDIT_TEXT_MAX = 2000;

/**
 * The township's own edits to a draft, as kept in a JSON file beside it and applied at every
 * regeneration: `causes` (shortcoming id or type → the cause), `shortcomings` (hand-written ones:
 * heading, text, cause) and `other` (part 5 paragraphs). Anything else is refused in Chinese.
 */
export function checkReportEdits(raw: unknown): ReportOverrides {
  const bad = (why: string): never => {
    throw new UserError(`报告修改内容有误：${why}`, 'bad_edits');
  };
  const text = (v: unknown, where: string, required = true): string | undefined => {
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || !v.trim()) return bad(`${where}应为非空文字`);
    if (v.length > EDIT_TEXT_MAX) return bad(`${where}超过 ${EDIT_TEXT_MAX} 字`);
    return v.trim();
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('应为一个 JSON 对象');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!['causes', 'shortcomings', 'other'].includes(k))
      bad(`不认识的项目“${k}”（可用 causes、shortcomings、other）`);
  const causes: Record<string, string> = {};
  if (o.causes !== undefined) {
    if (typeof o.causes !== 'object' || o.causes === null || Array.isArray(o.causes))
      bad('causes 应为“不足编号: 原因”的对象');
    for (const [id, v] of Object.entries(o.causes as Record<string, unknown>))
      causes[id] = text(v, `causes 中“${id}”的原因`)!;
  }
  const list = (v: unknown, where: string): unknown[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) return bad(`${where}应为数组`);
    if (v.length > 50) return bad(`${where}最多 50 项`);
    return v;
  };
  const shortcomings = list(o.shortcomings, 'shortcomings').map((s, i) => {
    if (typeof s !== 'object' || s === null) return bad(`shortcomings 第 ${i + 1} 项应为对象`);
    const r = s as Record<string, unknown>;
    const cause = text(r.cause, `shortcomings 第 ${i + 1} 项的原因（cause）`, false);
    return {
      heading: text(r.heading, `shortcomings 第 ${i + 1} 项的标题（heading）`)!,
      text: text(r.text, `shortcomings 第 ${i + 1} 项的内容（text）`)!,
      ...(cause ? { cause } : {}),
    };
  });
  const other = list(o.other, 'other').map((t, i) => text(t, `other 第 ${i + 1} 段`)!);
  return {
    ...(Object.keys(causes).length ? { causes } : {}),
    ...(shortcomings.length ? { shortcomings } : {}),
    ...(other.length ? { other } : {}),
  };
}

export function checkYear(year: unknown): number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new UserError(`年度应为 2000 至 2100 之间的整数，收到“${String(year)}”`, 'bad_year');
  }
  return year;
}

/** Longest 抄送 list and organ name the 版记 takes. */
const MAX_CC = 20;
const MAX_ORGAN = 40;

function checkDate(what: string, v: unknown): string {
  if (typeof v !== 'string' || !isIsoDate(v) || v < MIN_DATE || v > MAX_DATE)
    throw new UserError(`${what}应为 YYYY-MM-DD 形式的日期，如 2025-01-20，收到“${String(v)}”`, 'bad_date');
  return v;
}

function checkOrgan(what: string, v: unknown): string {
  const s = typeof v === 'string' ? v.trim() : '';
  if (!s || s.length > MAX_ORGAN || /[\n\r\t]/.test(s))
    throw new UserError(`${what}应为 1 至 ${MAX_ORGAN} 个字的机关名称，收到“${String(v)}”`, 'bad_document');
  return s;
}

/**
 * Checks the document's own details: real dates, organ names of a sensible length, and an 印发日期
 * not before the 成文日期. Returns them trimmed, without unset fields.
 */
export function checkDocumentOptions(d: ReportDocumentOptions): ReportDocumentOptions {
  const date = d.date === undefined ? undefined : checkDate('成文日期', d.date);
  const printedOn = d.printedOn === undefined ? undefined : checkDate('印发日期', d.printedOn);
  if (date && printedOn && printedOn < date)
    throw new UserError(`印发日期（${printedOn}）不应早于成文日期（${date}）`, 'bad_date');
  const cc = d.cc?.map((c) => checkOrgan('抄送机关', c));
  if (cc && cc.length > MAX_CC)
    throw new UserError(`抄送机关最多 ${MAX_CC} 个，收到 ${cc.length} 个`, 'bad_document');
  const printedBy = d.printedBy === undefined ? undefined : checkOrgan('印发机关', d.printedBy);
  return {
    ...(date ? { date } : {}),
    ...(cc && cc.length > 0 ? { cc } : {}),
    ...(printedBy ? { printedBy } : {}),
    ...(printedOn ? { printedOn } : {}),
  };
}

/** A comma-separated list of organs as typed (，、, or ,), empty entries dropped. */
export const organList = (s: string): string[] =>
  s
    .split(/[,，、]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Resolves the report's organisation: only a township or a county reports. */
export async function reportOrg(h: Db, org: string | Org): Promise<Org> {
  const o = typeof org === 'string' ? await resolveOrg(h, org, ['township', 'county']) : org;
  if (o.kind !== 'township' && o.kind !== 'county')
    throw new UserError(
      `“${o.name}”不是乡镇（街道）或县（区），不单独报送法治政府建设年度报告`,
      'not_reporting_org',
    );
  return o;
}

/** Builds the report model for an organisation's year (for callers that render or inspect it). */
export async function buildReportModel(
  h: Db,
  org: Org,
  year: number,
  now: string,
  overrides?: ReportOverrides,
  document?: ReportDocumentOptions,
): Promise<ReportModel> {
  const inputs = await loadReportInputs(h, org, checkYear(year), overrides ? { now, overrides } : { now });
  return buildReport(document ? { ...inputs, document: checkDocumentOptions(document) } : inputs);
}

export const reportFileName = (org: Org, year: number, format: ReportFormat): string =>
  `${org.name}${year}年度法治政府建设情况报告.${format}`;

/** The 数据来源说明 beside the report: same name, with the suffix. */
export const sourcesFileName = (org: Org, year: number, format: ReportFormat): string =>
  `${org.name}${year}年度法治政府建设情况报告-数据来源说明.${format}`;

const explainHref = (org: Org, year: number) => (key: string) =>
  `/api/explain?key=${encodeURIComponent(key)}&org=${encodeURIComponent(org.code)}&year=${year}`;

/** Renders a model in a format; HTML figures link to the explain API. */
export async function renderReport(m: ReportModel, format: ReportFormat, org: Org): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      return renderDocx(m);
    case 'md':
      return new TextEncoder().encode(renderMarkdown(m));
    case 'html':
      return new TextEncoder().encode(renderHtml(m, { explainHref: explainHref(org, m.year) }));
  }
}

/** Checks a request and builds its model. */
async function requestModel(
  h: Db,
  req: ReportRequest,
): Promise<{ org: Org; year: number; model: ReportModel }> {
  if (!REPORT_FORMATS.includes(req.format))
    throw new UserError(`不支持的格式“${String(req.format)}”，应为 docx、md 或 html`, 'bad_format');
  const year = checkYear(req.year);
  const org = await reportOrg(h, req.org);
  return { org, year, model: await buildReportModel(h, org, year, req.now, req.overrides, req.document) };
}

/** The annual report draft as a file: what the CLI writes and the HTTP API sends. */
export async function generateReport(h: Db, req: ReportRequest): Promise<GeneratedReport> {
  const { org, year, model } = await requestModel(h, req);
  return {
    fileName: reportFileName(org, year, req.format),
    mime: MIME[req.format],
    bytes: await (req.render ?? renderReport)(model, req.format, org),
    placeholders: model.placeholders,
    figures: model.figures,
    plans: model.plans,
    shortcomings: model.shortcomings,
  };
}

/**
 * The report's 数据来源说明 (口径 and 来源记录数 of each appendix figure) as a file, for whoever
 * checks the figures; rendered here (it is small), `req.render` is not used.
 */
export async function generateSources(h: Db, req: ReportRequest): Promise<GeneratedReport> {
  const { org, year, model } = await requestModel(h, req);
  return {
    fileName: sourcesFileName(org, year, req.format),
    mime: MIME[req.format],
    bytes: await renderSources(model, req.format, { explainHref: explainHref(org, year) }),
    placeholders: [],
    figures: model.figures,
    plans: model.plans,
    shortcomings: model.shortcomings,
  };
}

/** The audit entry of a report generated for someone: which organisation, year and file. */
export function reportGenerated(org: Org, year: number, r: GeneratedReport): AuditEvent {
  return {
    action: 'report.generate',
    targetType: 'org',
    targetId: org.id,
    after: { year, fileName: r.fileName, placeholders: r.placeholders.length },
  };
}

/** The commitment rows for part 4's items not yet stored for next year (reads only). */
export async function commitmentRows(
  h: Db,
  township: Org,
  year: number,
  items: readonly PlanItem[],
  opts: { now: string; createdBy?: number | null },
): Promise<NewRecordRow[]> {
  checkYear(year);
  if (township.kind !== 'township')
    throw new UserError(`工作安排须归属乡镇（街道），“${township.name}”不是乡镇`, 'not_township');
  const targetYear = year + 1;
  const existing = new Set((await loadCommitments(h, township, targetYear)).map((r) => r.title));
  const drafts = items
    .map((i) => ({ title: `${i.title}：${i.text}`.slice(0, 200), area: groups[i.area] }))
    .filter((d) => !existing.has(d.title))
    .map((d) => ({
      date: opts.now.slice(0, 10),
      title: d.title,
      data: { targetYear, area: d.area, status: 'planned' },
    }));
  if (drafts.length === 0) return [];
  const county = await countyOf(h, township);
  const { rows, errors } = prepareRows(
    getKind('commitment'),
    township,
    county.id,
    await subOrgIndex(h, township),
    drafts,
    {
      now: opts.now,
      createdBy: opts.createdBy ?? null,
      importId: null,
    },
  );
  if (errors.length > 0)
    throw new UserError(
      `工作安排记录有误：${errors.map((e) => e.errors.map((x) => `${x.label}：${x.message}`).join('；')).join('；')}`,
      'invalid_record',
    );
  return rows;
}
