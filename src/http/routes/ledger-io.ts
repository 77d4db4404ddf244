import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditRead } from '../../services/audit.ts';
import { findKind } from '../../catalogue/kinds.ts';
import { UserError } from '../../core/errors.ts';
import { importRecords } from '../../services/ledger-batches.ts';
import {
  DEFAULT_MAX_IMPORT_BYTES,
  buildTemplate,
  exportLedger,
  ledgerExported,
} from '../../services/ledger-io/index.ts';
import type { LedgerFormat } from '../../services/ledger-io/format.ts';
import { contentDisposition, fileNameOf, takeUpload } from '../files.ts';
import { route } from '../route.ts';
import { orgId, year } from '../schemas.ts';
import { filterOrg } from './records.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const importQuery = z.object({
  township: orgId.optional(),
  kind: z.string().max(60).optional(),
  dryRun: z.enum(['true', 'false']).optional(),
  name: z.string().max(255).optional(),
  /** A person's choice of kind and columns, by sheet: JSON {"工作表": {"kind": "…", "columns": {"B": "date", "E": "ignore"}}}. */
  layout: z.string().max(8000).optional(),
});

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
      return importRecords(deps.h, user, actor, input, at);
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
      summary: '导出某组织某年度的台账（.xlsx，每类一个工作表）',
      tag,
      access: 'ledger.export',
      query: z.object({ org: orgId.optional(), year }),
      produces: XLSX,
    },
    async ({ deps, query, user, reply, actor, at }) => {
      const org = await filterOrg(deps.h, user, query.org);
      const bytes = await exportLedger(deps.h, org, query.year, (sheets) =>
        deps.jobs.run('writeLedger', { sheets }),
      );
      await auditRead(deps.h, actor, at, ledgerExported(org, query.year, bytes));
      return reply
        .type(XLSX)
        .header('Content-Disposition', contentDisposition(`${org.name}${query.year}年度台账.xlsx`))
        .send(bytes);
    },
  );
}
