import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditRead } from '../../services/audit.ts';
import { findKind } from '../../catalogue/kinds.ts';
import { UserError } from '../../core/errors.ts';
import { importRecords } from '../../services/ledger-batches.ts';
import { noteImportOutcome } from '../../services/messages.ts';
import type { ImportReport } from '../../services/ledger-io/report.ts';
import {
  DEFAULT_MAX_IMPORT_BYTES,
  buildTemplate,
  exportVisible,
  ledgerExported,
} from '../../services/ledger-io/index.ts';
import type { LedgerFormat } from '../../services/ledger-io/format.ts';
import { contentDisposition, fileNameOf, takeUpload } from '../files.ts';
import { route } from '../route.ts';
import { orgId } from '../schemas.ts';
import { recordFilters, recordQueryOf } from './records.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const importQuery = z.object({
  township: orgId.optional(),
  kind: z.string().max(60).optional(),
  dryRun: z.enum(['true', 'false']).optional(),
  name: z.string().max(255).optional(),
  /** A person's choice of kind and columns, by sheet: JSON {"工作表": {"kind": "…", "columns": {"B": "date", "E": "ignore"}}}. */
  layout: z.string().max(8000).optional(),
});

/** A list's filters (at least a year or a date range) and, optionally, the rows ticked in it. */
const exportQuery = recordFilters
  .extend({
    /** Record ids, comma-separated: only these (still within the filters and the user's scope). */
    ids: z
      .string()
      .max(8000)
      .regex(/^\d{1,15}(,\d{1,15})*$/, '所选记录应为以逗号分隔的记录编号')
      .transform((s) => s.split(',').map(Number))
      .optional(),
  })
  .refine(
    (q) => q.year !== undefined || q.caseYear !== undefined || (q.from !== undefined && q.to !== undefined),
    { message: '请指定年度，或起止日期' },
  );

const layoutChoice = z.record(
  z.string().max(100),
  z.object({
    kind: z.string().max(60),
    columns: z.record(z.string().regex(/^[A-Z]{1,3}$/, '列应以字母表示'), z.string().max(80)),
  }),
);

/** The layout choice sent with an import, checked: a clear Chinese error for anything else. */
function parseLayout(s: string | undefined) {
  if (s === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(s);
  } catch {
    throw new UserError('列的对应关系格式不正确', 'bad_layout');
  }
  const r = layoutChoice.safeParse(raw);
  if (!r.success)
    throw new UserError(`列的对应关系格式不正确：${r.error.issues[0]?.message ?? ''}`, 'bad_layout');
  return r.data;
}

export function registerLedgerIoRoutes(app: FastifyInstance): void {
  const tag = '台账导入导出';
  route(
    app,
    {
      method: 'POST',
      url: '/imports',
      summary:
        '导入台账表格（.xlsx、.csv 或含表格的 Word .docx 原始字节；系统模板或乡镇自己的表格格式；有错误时不写入任何行，返回每处错误的工作表、行、列）',
      tag,
      access: 'ledger.import',
      query: importQuery,
      upload: { maxBytes: DEFAULT_MAX_IMPORT_BYTES },
    },
    async ({ deps, query, body, req, reply, user, actor, at, now }) => {
      takeUpload(deps, user.id, reply, now);
      if (!Buffer.isBuffer(body)) throw new UserError('缺少文件内容', 'empty_file');
      const input = {
        townshipId: query.township,
        fileName: fileNameOf(req, query.name),
        bytes: body,
        kindHint: query.kind,
        dryRun: query.dryRun === 'true',
        layout: parseLayout(query.layout),
        readSheets: (fileName: string, bytes: Uint8Array, format: LedgerFormat, maxBytes: number) =>
          deps.jobs.run('readLedger', { fileName, bytes, format, maxBytes }),
      };
      // The user's last failed import waits in their 待办 until a later import goes through.
      const outcome = (errors: ImportReport['errors']) =>
        noteImportOutcome(deps.h, user, { fileName: input.fileName, dryRun: input.dryRun, errors }, at);
      try {
        const report = await importRecords(deps.h, user, actor, input, at);
        await outcome(report.errors);
        return report;
      } catch (e) {
        if (e instanceof UserError && e.status < 500)
          await outcome([{ sheet: '', row: null, column: null, message: e.message }]);
        throw e;
      }
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: '/templates/:kind',
      summary: '某类台账的空白导入模板（.xlsx）',
      tag,
      access: 'ledger.import',
      params: z.object({ kind: z.string().min(1).max(60) }),
      produces: XLSX,
    },
    async ({ params, reply }) => {
      const kind = findKind(params.kind);
      if (!kind) throw new UserError(`未知的台账类型“${params.kind}”`, 'unknown_kind', 404);
      const bytes = await buildTemplate(kind.id);
      return reply
        .type(XLSX)
        .header('Content-Disposition', contentDisposition(`${kind.label}导入模板.xlsx`))
        .send(bytes);
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: '/export',
      summary:
        '导出台账（.xlsx，每类一个工作表）：某组织某年度，或台账列表的筛选条件（类型、期间、标题文字、案件状态、逾期/临期）下的记录，可只导出勾选的记录；只含本人有权查看的记录',
      tag,
      access: 'ledger.export',
      query: exportQuery,
      produces: XLSX,
    },
    async ({ deps, query, user, reply, actor, at }) => {
      const { ids, ...filters } = query;
      const { org, q } = await recordQueryOf(deps.h, user, filters, at);
      const { bytes, rows } = await exportVisible(deps.h, user, org, { ...q, ids }, (sheets) =>
        deps.jobs.run('writeLedger', { sheets }),
      );
      await auditRead(
        deps.h,
        actor,
        at,
        ledgerExported(org, query.year ?? null, bytes, { filters: { ...filters, ids: ids?.length }, rows }),
      );
      const y = query.year ?? query.caseYear;
      const when = y !== undefined ? `${y}年度` : `${query.from ?? ''}至${query.to ?? ''}`;
      const name = `${org.name}${when}${query.kind ? (findKind(query.kind)?.label ?? '') : ''}台账.xlsx`;
      return reply.type(XLSX).header('Content-Disposition', contentDisposition(name)).send(bytes);
    },
  );
}
