import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { unzipLimited } from '../../core/zip.ts';
import { reviewDocuments } from '../../review/index.ts';
import { REPORT_FORMATS, generateReport } from '../../services/report.ts';
import { UPLOAD_LIMIT, contentDisposition, fileNameOf, takeUpload } from '../files.ts';
import { route } from '../route.ts';
import { orgId, year } from '../schemas.ts';
import { filterOrg } from './records.ts';

const reportQuery = z.object({
  org: orgId.optional(),
  year,
  format: z.enum(REPORT_FORMATS as ['docx', 'md', 'html']).default('docx'),
});
const reviewQuery = z.object({ name: z.string().max(255).optional(), year: year.optional() });

const MAX_FILES = 100;
/** Reports are a few hundred KB each; a docx compresses XML about 5–10 times, a bomb ~1,000 times. */
const ZIP_LIMITS = { maxEntries: 1_000, maxTotalBytes: 200 * 1024 * 1024, maxRatio: 200 };

/** The reports in an upload: one file, or every .docx/.txt/.md in a .zip (bounded against zip bombs). */
function reportFiles(name: string, bytes: Buffer): { name: string; bytes: Uint8Array }[] {
  if (!/\.zip$/i.test(name)) return [{ name, bytes }];
  let count = 0;
  const files = unzipLimited(bytes, {
    limits: ZIP_LIMITS,
    label: `压缩包“${name}”`,
    want: (n) => {
      if (n.endsWith('/') || !/\.(docx|txt|md)$/i.test(n) || /(^|\/)(__MACOSX|\.)/.test(n)) return false;
      if (++count > MAX_FILES)
        throw new UserError(`压缩包内报告过多：最多 ${MAX_FILES} 份`, 'too_large', 413);
      return true;
    },
  });
  const out = [...files].map(([n, b]) => ({ name: n.split('/').pop() ?? n, bytes: b }));
  if (out.length === 0) throw new UserError('压缩包中没有 .docx、.txt 或 .md 报告', 'empty_file');
  return out;
}

export function registerReportRoutes(app: FastifyInstance): void {
  const tag = '年度报告';
  route(
    app,
    {
      method: 'GET',
      url: '/report',
      summary: '生成年度报告草稿（docx、md 或 html 文件）',
      tag,
      access: 'report.generate',
      query: reportQuery,
      produces: 'application/octet-stream',
    },
    async ({ deps, query, user, reply, at }) => {
      const org = await filterOrg(deps.h, user, query.org);
      const r = await generateReport(deps.h, { org, year: query.year, format: query.format, now: at });
      reply.header('X-Report-Placeholders', String(r.placeholders.length));
      return reply
        .type(r.mime)
        .header('Content-Disposition', contentDisposition(r.fileName))
        .send(Buffer.from(r.bytes));
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: '/review',
      summary: '审阅年度报告：上传一份（.docx/.txt/.md）或一个 .zip（多份，互相比对），返回审阅结果 JSON',
      tag,
      access: 'report.review',
      query: reviewQuery,
      upload: { maxBytes: UPLOAD_LIMIT },
    },
    ({ deps, query, body, req, reply, user, now }) => {
      takeUpload(deps, user.id, reply, now);
      if (!Buffer.isBuffer(body) || body.length === 0) throw new UserError('缺少报告文件内容', 'empty_file');
      const files = reportFiles(fileNameOf(req, query.name), body);
      return { items: reviewDocuments(files, { year: query.year }) };
    },
  );
}
