import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { createHash } from 'node:crypto';
import type { ReportModel } from '../../report/model/types.ts';
import type { Org } from '../../services/orgs.ts';
import { auditRead } from '../../services/audit.ts';
import {
  REPORT_FORMATS,
  generateReport,
  generateSources,
  organList,
  reportGenerated,
  type ReportFormat,
} from '../../services/report.ts';
import { UPLOAD_LIMIT, fileNameOf, sendDownload, takeUpload } from '../files.ts';
import { route } from '../route.ts';
import { isoDate, orgId, year } from '../schemas.ts';
import { filterOrg } from './records.ts';

const reportQuery = z.object({
  org: orgId.optional(),
  year,
  format: z.enum(REPORT_FORMATS as ['docx', 'md', 'html']).default('docx'),
  /** report: the report itself; sources: its 数据来源说明 (口径, 来源记录数). */
  part: z.enum(['report', 'sources']).default('report'),
  /** 成文日期; unset, the report prints 【待定：签发日期】. */
  date: isoDate.optional(),
  /** 抄送 organs, separated by commas (，、 or ,). */
  cc: z.string().max(800).optional(),
  printedBy: z.string().max(40).optional(),
  printedOn: isoDate.optional(),
});
/** The 成文日期 and 版记 a report query gives, checked again by the service (real dates, lengths). */
const documentOf = (q: z.output<typeof reportQuery>) => ({
  ...(q.date ? { date: q.date } : {}),
  ...(q.cc ? { cc: organList(q.cc) } : {}),
  ...(q.printedBy ? { printedBy: q.printedBy } : {}),
  ...(q.printedOn ? { printedOn: q.printedOn } : {}),
});
const sha256Of = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

const reviewQuery = z.object({ name: z.string().max(255).optional(), year: year.optional() });

export function registerReportRoutes(app: FastifyInstance): void {
  const tag = '年度报告';
  route(
    app,
    {
      method: 'GET',
      url: '/report',
      summary:
        '生成年度报告草稿（docx、md 或 html 文件）；part=sources 为其数据来源说明；可给成文日期 date 和版记 cc、printedBy、printedOn',
      tag,
      access: 'report.generate',
      query: reportQuery,
      produces: 'application/octet-stream',
      replica: true,
    },
    async ({ deps, read, query, user, reply, at, actor }) => {
      const org = await filterOrg(deps.h, user, query.org);
      const req = {
        org,
        year: query.year,
        format: query.format,
        document: documentOf(query),
        now: at,
        render: (model: ReportModel, format: ReportFormat, o: Org) =>
          deps.jobs.run('renderReport', { model, format, org: o }),
      };
      const r = await (query.part === 'sources' ? generateSources : generateReport)(read, req);
      await auditRead(deps.h, actor, at, reportGenerated(org, query.year, r));
      reply.header('X-Report-Placeholders', String(r.placeholders.length));
      return sendDownload(reply, r.fileName, r.bytes, r.mime);
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: '/review',
      summary:
        '审阅年度报告：上传一份（.docx/.txt/.md/.html）或一个 .zip（多份，互相比对），返回审阅结果 JSON',
      tag,
      access: 'report.review',
      query: reviewQuery,
      upload: { maxBytes: UPLOAD_LIMIT },
    },
    async ({ deps, query, body, req, reply, user, now, actor, at }) => {
      takeUpload(deps, user.id, reply, now);
      if (!Buffer.isBuffer(body) || body.length === 0) throw new UserError('缺少报告文件内容', 'empty_file');
      const input = { fileName: fileNameOf(req, query.name), bytes: body, year: query.year };
      const items = await deps.jobs.run('review', input);
      await auditRead(deps.h, actor, at, {
        action: 'report.review',
        targetType: 'file',
        after: {
          fileName: input.fileName,
          bytes: body.length,
          sha256: sha256Of(body),
          documents: items.length,
        },
      });
      return { items };
    },
  );
}
