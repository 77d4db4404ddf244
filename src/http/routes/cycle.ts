import type { FastifyInstance } from 'fastify';
import { zipSync } from 'fflate';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import type { ReportModel } from '../../report/model/types.ts';
import type { AppDeps } from '../context.ts';
import { compareVersions, ledgerChanges, reviewDraft } from '../../services/cycle-versions.ts';
import { MAX_PARTS } from '../../cycle/headlines.ts';
import { chooseHeadline, countyPack, uploadReport } from '../../services/cycle-county.ts';
import { cycleReport, cycleStatus, draftModel, saveDraft } from '../../services/cycle.ts';
import { publicReport, publicReportFile, publicReports, versionFile } from '../../services/cycle-public.ts';
import { takeStep } from '../../services/cycle-steps.ts';
import { type CycleTools } from '../../services/cycle-shared.ts';
import type { Org } from '../../services/orgs.ts';
import { DOCX_TYPE, UPLOAD_LIMIT, XLSX_TYPE, fileNameOf, sendDownload, takeUpload } from '../files.ts';
import { publicRoute, route } from '../route.ts';
import { isoDate, orgId, year } from '../schemas.ts';
import { auditRead } from '../../services/audit.ts';
import { publicIndexPage, publicReportPage } from '../public-page.ts';

const reportParams = z.object({ township: orgId, year });
const publicParams = z.object({ code: z.string().regex(/^\d{6,15}$/, '乡镇代码应为数字'), year });

/** The server's heavy work for the cycle: rendering and reviewing on the worker pool. */
function toolsOf(deps: AppDeps): CycleTools {
  return {
    render: (model: ReportModel, org: Org) => deps.jobs.run('renderReport', { model, format: 'docx', org }),
    redact: (fileName, bytes, redactions) => deps.jobs.run('redactReport', { fileName, bytes, redactions }),
    review: async (fileName, bytes, y) => {
      const [first] = await deps.jobs.run('review', { fileName, bytes, year: y });
      return first ?? { file: fileName, error: '文件中没有可审阅的报告' };
    },
    // Several reports go to the worker as one .zip, so they are compared with each other there.
    reviewBatch: (files, y) =>
      deps.jobs.run('review', {
        fileName: 'reports.zip',
        bytes: zipSync(Object.fromEntries(files.map((f) => [f.name, f.bytes]))),
        year: y,
      }),
  };
}

/** The annual reporting cycle: drafts, 签发, submission, the county's review, 保密审查 and publication. */
export function registerCycleRoutes(app: FastifyInstance): void {
  const tag = '年度报告报送';
  route(
    app,
    {
      method: 'GET',
      url: '/cycle',
      summary: '某年度各乡镇年度报告的报送状态（起草、待签发、已报送、退回、通过、公开）和公开截止日',
      tag,
      access: 'cycle.read',
      query: z.object({ year }),
    },
    async ({ deps, user, query, at }) => ({ items: await cycleStatus(deps.h, user, query.year, at) }),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/cycle/:township/:year',
      summary:
        '一个乡镇某年度报告：当前状态、可办理的步骤、各版本、流程记录、县里的退回意见和报送时的审阅结果',
      tag,
      access: 'cycle.read',
      params: reportParams,
    },
    async ({ deps, user, params }) => cycleReport(deps.h, user, params.township, params.year),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/cycle/:township/:year/draft',
      summary: '草稿的正文：按段落列出（每段有编号，可逐段修改），并含完整报告模型',
      tag,
      access: 'cycle.read',
      params: reportParams,
    },
    async ({ deps, user, params, at }) => draftModel(deps.h, user, params.township, params.year, at),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/cycle/:township/:year/draft',
      summary: '保存草稿修改为新版本（baseVersion 为编辑开始时的版本；他人已修改同一段落时返回 409 并说明）',
      tag,
      access: 'report.draft',
      params: reportParams,
      body: z.object({
        baseVersion: z.number().int().min(0),
        edits: z.record(z.string(), z.unknown()),
        note: z.string().max(200).optional(),
        /** Restore this earlier version's edits as the new version. */
        restoreFrom: z.number().int().positive().optional(),
      }),
    },
    async ({ deps, user, params, body, actor, at }) =>
      saveDraft(deps.h, user, actor, { townshipId: params.township, year: params.year, ...body }, at),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/cycle/:township/:year/compare',
      summary: '比较两个版本：逐段列出新增、删除和改动的段落',
      tag,
      access: 'cycle.read',
      params: reportParams,
      query: z.object({
        from: z.coerce.number().int().positive().max(100_000),
        to: z.coerce.number().int().positive().max(100_000),
      }),
    },
    async ({ deps, user, params, query }) => ({
      changes: await compareVersions(deps.h, user, params.township, params.year, query.from, query.to),
    }),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/cycle/:township/:year/ledger-changes',
      summary: '台账变动带来的草稿变化：上次保存的草稿与按当前台账重新生成的草稿逐段比较',
      tag,
      access: 'cycle.read',
      params: reportParams,
    },
    async ({ deps, user, params, at }) => ledgerChanges(deps.h, user, params.township, params.year, at),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/cycle/:township/:year/draft-review',
      summary: '签发前审阅：按签发时的样子生成草稿并审阅、与台账逐项核对（与报送时县里看到的相同）',
      tag,
      access: 'cycle.read',
      params: reportParams,
    },
    async ({ deps, user, params, at }) =>
      reviewDraft(deps.h, user, params.township, params.year, at, toolsOf(deps)),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/cycle/:township/:year/steps',
      summary:
        '办理流程步骤：request_signature 提请签发、return_draft 领导退回、sign 签发、submit 报送、return 县里退回、accept 通过、clear 保密审查、publish 公开',
      tag,
      access: 'cycle.read',
      params: reportParams,
      body: z.object({
        step: z.string().max(40),
        comment: z.string().max(2000).optional(),
        clearance: z
          .object({
            reviewer: z.string().max(50),
            result: z.enum(['passed', 'redacted']),
            redactions: z.array(z.string().max(500)).max(50).optional(),
          })
          .optional(),
        correction: z.string().max(500).optional(),
        notes: z
          .array(z.object({ key: z.string().max(200), text: z.string().max(500) }))
          .max(100)
          .optional(),
      }),
    },
    async ({ deps, user, params, body, actor, at }) =>
      takeStep(
        deps.h,
        user,
        actor,
        { townshipId: params.township, year: params.year, ...body },
        at,
        toolsOf(deps),
      ),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/cycle/:township/:year/upload',
      summary: '县依法治县办代乡镇上传在系统外写成的年度报告（.docx 或 .txt），按报送处理并审阅',
      tag,
      access: 'report.check',
      params: reportParams,
      query: z.object({ name: z.string().max(255).optional() }),
      upload: { maxBytes: UPLOAD_LIMIT },
    },
    async ({ deps, user, params, query, body, req, reply, actor, at, now }) => {
      takeUpload(deps, user.id, reply, now);
      if (!Buffer.isBuffer(body) || body.length === 0) throw new UserError('缺少报告文件内容', 'empty_file');
      return uploadReport(
        deps.h,
        user,
        actor,
        {
          townshipId: params.township,
          year: params.year,
          fileName: fileNameOf(req, query.name),
          bytes: body,
        },
        at,
        toolsOf(deps),
      );
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: '/cycle/:township/:year/headlines',
      summary:
        '县依法治县办确认报告中某项指标的取数（对比表所用的数值），或改选报告中该指标的另一处数值（start 为该数值在审阅文本中的位置），或将其中几处相加（starts 为各处位置）',
      tag,
      access: 'report.check',
      params: reportParams,
      body: z
        .object({
          key: z.string().min(1).max(100),
          start: z.number().int().min(0).max(10_000_000).optional(),
          starts: z.array(z.number().int().min(0).max(10_000_000)).min(1).max(MAX_PARTS).optional(),
        })
        .refine(
          (b) => (b.start === undefined) !== (b.starts === undefined),
          '请给出 start（取一处）或 starts（几处相加）之一',
        ),
    },
    async ({ deps, user, params, body, actor, at }) =>
      chooseHeadline(
        deps.h,
        user,
        actor,
        {
          townshipId: params.township,
          year: params.year,
          key: body.key,
          starts: body.starts ?? [body.start!],
        },
        at,
      ),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/cycle/:township/:year/versions/:seq/file',
      summary: '下载某一版本的文件（签发稿、代传稿、公开稿）',
      tag,
      access: 'cycle.read',
      params: reportParams.extend({ seq: z.coerce.number().int().positive().max(100_000) }),
      produces: 'application/octet-stream',
    },
    async ({ deps, user, params, reply }) => {
      const f = await versionFile(deps.h, user, params.township, params.year, params.seq);
      return sendDownload(reply, f.fileName, f.bytes);
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: '/cycle/county-pack',
      summary:
        '县依法治县办：某年度各乡镇报告的通报稿（part=bulletin，.docx）或对比表（part=comparison，.xlsx），由已报送的报告一并审阅、逐项与台账核对后生成',
      tag,
      access: 'report.check',
      query: z.object({
        year,
        part: z.enum(['bulletin', 'comparison']).default('bulletin'),
        submitBy: isoDate.optional(),
      }),
      produces: 'application/octet-stream',
    },
    async ({ deps, user, query, reply, actor, at }) => {
      const pack = await countyPack(
        deps.h,
        user,
        { year: query.year, now: at, ...(query.submitBy ? { submitBy: query.submitBy } : {}) },
        toolsOf(deps),
      );
      const bulletin = query.part === 'bulletin';
      const fileName = bulletin
        ? `${pack.county.name}${query.year}年度法治政府建设年度报告通报（稿）.docx`
        : `${pack.county.name}${query.year}年度法治政府建设年度报告对比表.xlsx`;
      await auditRead(deps.h, actor, at, {
        action: 'report.county_pack',
        targetType: 'org',
        targetId: pack.county.id,
        after: { year: query.year, fileName },
      });
      return sendDownload(
        reply,
        fileName,
        bulletin ? pack.bulletin : pack.comparison,
        bulletin ? DOCX_TYPE : XLSX_TYPE,
      );
    },
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/reports',
      summary: '已公开的乡镇法治政府建设年度报告（公众可查，无须登录）',
      tag: '公开',
      access: 'public',
    },
    async ({ deps }) => ({ items: await publicReports(deps.h) }),
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/index',
      summary: '已公开年度报告的公开目录（网页，按县、年度，公众可查）',
      tag: '公开',
      access: 'public',
      produces: 'text/html',
    },
    async ({ deps, reply }) =>
      reply.type('text/html; charset=utf-8').send(publicIndexPage(await publicReports(deps.h))),
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/reports/:code/:year',
      summary: '一份已公开的年度报告（可打印的网页，公众可查）',
      tag: '公开',
      access: 'public',
      params: publicParams,
      produces: 'text/html',
    },
    async ({ deps, params, reply }) => {
      const r = await publicReport(deps.h, params.code, params.year);
      return reply.type('text/html; charset=utf-8').send(publicReportPage(r));
    },
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/reports/:code/:year/docx',
      summary: '下载已公开年度报告的文件（签发原件；保密审查有删节时为删节后的公开稿）',
      tag: '公开',
      access: 'public',
      params: publicParams,
      produces: 'application/octet-stream',
    },
    async ({ deps, params, reply }) => {
      const f = await publicReportFile(deps.h, params.code, params.year);
      return sendDownload(reply, f.fileName, f.bytes);
    },
  );
}
