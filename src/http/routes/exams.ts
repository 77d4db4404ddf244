import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { closeExam } from '../../services/exams/close.ts';
import {
  exportExamResults,
  importPaperScores,
  paperScoreTemplate,
  type WriteExamBook,
} from '../../services/exams/exam-io.ts';
import { createExam, getExam, listExams } from '../../services/exams/exams.ts';
import { rescoreQuestion } from '../../services/exams/rescore.ts';
import { examResults, remindCandidates } from '../../services/exams/results.ts';
import { myExams, sittingResult } from '../../services/exams/mine.ts';
import { saveAnswer, startSitting, submitSitting } from '../../services/exams/sitting.ts';
import { DEFAULT_MAX_IMPORT_BYTES } from '../../services/ledger-io/index.ts';
import type { LedgerFormat } from '../../services/ledger-io/format.ts';
import type { AppDeps } from '../context.ts';
import { contentDisposition, fileNameOf, takeUpload } from '../files.ts';
import { route } from '../route.ts';
import { idParams, orgId, year } from '../schemas.ts';

// Shapes and upper bounds only: the services check the rest and name each problem in Chinese.
const instant = z.string().max(40);
const candidates = z.union([
  z.object({ orgIds: z.array(orgId).max(500), roles: z.array(z.string().max(40)).max(20) }).strict(),
  z.object({ usernames: z.array(z.string().max(64)).min(1).max(5000) }).strict(),
]);
const examBody = z
  .object({
    orgId,
    title: z.string().max(200),
    opensAt: instant,
    closesAt: instant,
    durationMin: z.number().int(),
    display: z.string().max(10),
    mode: z.string().max(10),
    rules: z
      .array(
        z
          .object({
            law: z.string().max(60),
            type: z.string().max(20),
            count: z.number().int(),
            points: z.number(),
          })
          .strict(),
      )
      .max(50),
    passMark: z.number(),
    excellentMark: z.number(),
    makeup: z.object({ opensAt: instant, closesAt: instant }).strict().nullish(),
    candidates,
  })
  .strict();

const sittingParams = z.object({ id: idParams.shape.id, sittingId: idParams.shape.id });
const answerParams = sittingParams.extend({ position: z.coerce.number().int().min(1).max(1000) });
const token = z.string().min(1).max(100);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const writeOnPool =
  (deps: AppDeps): WriteExamBook =>
  (sheets) =>
    deps.jobs.run('writeExamBook', { sheets });

/** 学法考试: the sitter's own exams and sittings, and the organiser's exams. */
export function registerExamRoutes(app: FastifyInstance): void {
  const tag = '学法考试';
  route(
    app,
    {
      method: 'GET',
      url: '/exams/mine',
      summary: '本人须参加的考试、当前可否作答和本人成绩',
      tag,
      access: 'exams.sit',
    },
    async ({ deps, user, at }) => ({ items: await myExams(deps.h, user, at) }),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/exams/:id/sittings',
      summary: '开始作答或继续作答（每次发放新的作答令牌，其他窗口随即停止作答）；不含答案',
      tag,
      access: 'exams.sit',
      params: idParams,
    },
    async ({ deps, params, user, actor, at }) => startSitting(deps.h, user, actor, params.id, at),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/exams/:id/sittings/:sittingId/answers/:position',
      summary: '保存一题的答案（选项序号，从 0 起）；考试时间以服务器为准，超时自动交卷',
      tag,
      access: 'exams.sit',
      params: answerParams,
      body: z.object({ token, answer: z.array(z.number().int().min(0).max(25)).max(26) }).strict(),
    },
    async ({ deps, params, body, user, at }) =>
      saveAnswer(
        deps.h,
        user,
        { examId: params.id, sittingId: params.sittingId, position: params.position, ...body },
        at,
      ),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/exams/:id/sittings/:sittingId/submit',
      summary: '交卷并即时评分；交卷后不能再改',
      tag,
      access: 'exams.sit',
      params: sittingParams,
      body: z.object({ token }).strict(),
    },
    async ({ deps, params, body, user, actor, at }) =>
      submitSitting(
        deps.h,
        user,
        actor,
        { examId: params.id, sittingId: params.sittingId, token: body.token },
        at,
      ),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/exams/:id/result',
      summary: '本人成绩；考试（含补考）结束后附试卷、正确答案和法条依据',
      tag,
      access: 'exams.sit',
      params: idParams,
    },
    async ({ deps, params, user, at }) => sittingResult(deps.h, user, params.id, at),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/exams',
      summary: '本单位及下属单位组织的考试（可按组织、年度筛选），含应考、已考、合格人数',
      tag,
      access: 'exams.manage',
      query: z.object({ orgId: orgId.optional(), year: year.optional() }),
    },
    async ({ deps, query, user, at }) => ({
      items: await listExams(
        deps.h,
        user,
        { ...(query.orgId ? { orgId: query.orgId } : {}), ...(query.year ? { year: query.year } : {}) },
        at,
      ),
    }),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/exams',
      summary: '组织考试：考试时间、时长、组卷规则、分数线、补考和参考人员（按组织和角色，或按用户名）',
      tag,
      access: 'exams.manage',
      body: examBody,
      status: 201,
    },
    async ({ deps, body, user, actor, at }) => createExam(deps.h, user, actor, body, at),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/exams/:id',
      summary: '一场考试的设置和每位参考人员的作答状态、成绩',
      tag,
      access: 'exams.manage',
      params: idParams,
    },
    async ({ deps, params, user, at }) => getExam(deps.h, user, params.id, at),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/exams/:id/close',
      summary: '考试（含补考）结束后结束考试：成绩登记入台账（学法考试、考试成绩记录）',
      tag,
      access: 'exams.manage',
      params: idParams,
    },
    async ({ deps, params, user, actor, at }) => closeExam(deps.h, user, actor, params.id, at),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/exams/:id/rescore',
      summary: '题目答案修正后，按该题号的最新版本重新评分（考试结束前）',
      tag,
      access: 'exams.manage',
      params: idParams,
      body: z.object({ code: z.string().min(1).max(64) }).strict(),
    },
    async ({ deps, params, body, user, actor, at }) =>
      rescoreQuestion(deps.h, user, actor, params.id, body.code, at),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/exams/:id/results',
      summary: '考试情况：参考、合格、优秀人数，成绩分布，错误率高的题目，未参考人员',
      tag,
      access: 'exams.manage',
      params: idParams,
    },
    async ({ deps, params, user, at }) => examResults(deps.h, user, params.id, at),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/exams/:id/remind',
      summary: '提醒尚未参考的人员（在其消息中心，每场考试每天一次）',
      tag,
      access: 'exams.manage',
      params: idParams,
    },
    async ({ deps, params, user, actor, at }) => remindCandidates(deps.h, user, actor, params.id, at),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/exams/:id/results.xlsx',
      summary: '导出考试成绩（.xlsx：成绩、分数分布、易错题、未参考人员四个工作表）',
      tag,
      access: 'exams.manage',
      params: idParams,
      produces: XLSX,
    },
    async ({ deps, params, user, actor, at, reply }) => {
      const { bytes, fileName } = await exportExamResults(
        deps.h,
        user,
        actor,
        params.id,
        at,
        writeOnPool(deps),
      );
      return reply.type(XLSX).header('Content-Disposition', contentDisposition(fileName)).send(bytes);
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: '/exams/:id/paper-scores/template',
      summary: '纸质考试成绩模板（.xlsx：已填应考人员的姓名、单位、账号，成绩待填；附填写说明）',
      tag,
      access: 'exams.manage',
      params: idParams,
      produces: XLSX,
    },
    async ({ deps, params, user, reply }) => {
      const { bytes, fileName } = await paperScoreTemplate(deps.h, user, params.id, writeOnPool(deps));
      return reply.type(XLSX).header('Content-Disposition', contentDisposition(fileName)).send(bytes);
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: '/exams/:id/paper-scores',
      summary:
        '导入纸质考试成绩（.xlsx 原始字节，按纸质成绩模板）；有任何错误则不导入，返回每处错误的行和原因；再次导入替换此前的纸质成绩；考试结束后不能导入',
      tag,
      access: 'exams.manage',
      params: idParams,
      query: z.object({ name: z.string().max(255).optional() }),
      upload: { maxBytes: DEFAULT_MAX_IMPORT_BYTES },
    },
    async ({ deps, params, query, body, req, reply, user, actor, at, now }) => {
      takeUpload(deps, user.id, reply, now);
      if (!Buffer.isBuffer(body)) throw new UserError('缺少文件内容', 'empty_file');
      const input = {
        fileName: fileNameOf(req, query.name),
        bytes: body,
        readSheets: (fileName: string, bytes: Uint8Array, format: LedgerFormat, maxBytes: number) =>
          deps.jobs.run('readLedger', { fileName, bytes, format, maxBytes }),
      };
      return importPaperScores(deps.h, user, actor, params.id, input, at);
    },
  );
}
