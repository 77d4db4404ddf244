import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  DIFFICULTIES,
  QUESTION_TYPES,
  type Difficulty,
  type QuestionType,
} from '../../catalogue/questions.ts';
import { UserError } from '../../core/errors.ts';
import {
  exportQuestions,
  importQuestions,
  questionTemplate,
  type WriteBook,
} from '../../services/exams/question-io.ts';
import {
  correctQuestion,
  createQuestion,
  listQuestions,
  questionCounts,
  retireQuestion,
} from '../../services/exams/questions.ts';
import { DEFAULT_MAX_IMPORT_BYTES } from '../../services/ledger-io/index.ts';
import type { LedgerFormat } from '../../services/ledger-io/format.ts';
import type { AppDeps } from '../context.ts';
import { contentDisposition, fileNameOf, takeUpload } from '../files.ts';
import { route } from '../route.ts';
import { idParams, orgId } from '../schemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const types = Object.keys(QUESTION_TYPES) as [QuestionType, ...QuestionType[]];
const difficulties = Object.keys(DIFFICULTIES) as [Difficulty, ...Difficulty[]];

const listQuery = z.object({
  orgId: orgId.optional(),
  law: z.string().max(60).optional(),
  type: z.enum(types).optional(),
  difficulty: z.enum(difficulties).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

/** A question as the form sends it; the rules (answer among the options…) are checked by the service. */
const draft = z
  .object({
    law: z.string().max(60),
    type: z.enum(types),
    difficulty: z.enum(difficulties),
    stem: z.string().max(2000),
    options: z.array(z.string().max(1000)).max(10),
    answer: z.array(z.number().int().min(0).max(9)).max(10),
    article: z.string().max(200),
    note: z.string().max(5000).nullish(),
  })
  .strict()
  .transform(({ note, ...d }) => (note ? { ...d, note } : d));

const writeOnPool =
  (deps: AppDeps): WriteBook =>
  (rows) =>
    deps.jobs.run('writeQuestions', { rows });

/** 题库: the starter bank and each organisation's questions, their template, export and import. */
export function registerQuestionRoutes(app: FastifyInstance): void {
  const tag = '题库';
  route(
    app,
    {
      method: 'GET',
      url: '/questions',
      summary:
        '题库中某单位可用的现行题目（入门题库、上级和本单位的题目），可按法律法规、题型、难度、文字筛选，分页',
      tag,
      access: 'exams.manage',
      query: listQuery,
    },
    async ({ deps, query, user }) => listQuestions(deps.h, user, query),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/questions/counts',
      summary: '某单位可用的现行题目数量，按法律法规和题型',
      tag,
      access: 'exams.manage',
      query: z.object({ orgId: orgId.optional() }),
    },
    async ({ deps, query, user }) => questionCounts(deps.h, user, query.orgId),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/questions/template',
      summary: '题库导入模板（.xlsx：题库工作表含两行示例，填写说明工作表列出各列要求和可填的法律法规）',
      tag,
      access: 'exams.manage',
      produces: XLSX,
    },
    async ({ deps, reply }) => {
      const bytes = await questionTemplate(writeOnPool(deps));
      return reply
        .type(XLSX)
        .header('Content-Disposition', contentDisposition('题库导入模板.xlsx'))
        .send(bytes);
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: '/questions/export',
      summary: '导出某单位可用的全部现行题目（.xlsx，含答案和条文出处；入门题库一并导出）',
      tag,
      access: 'exams.manage',
      query: z.object({ orgId: orgId.optional() }),
      produces: XLSX,
    },
    async ({ deps, query, user, actor, at, reply }) => {
      const { bytes, fileName } = await exportQuestions(
        deps.h,
        user,
        actor,
        query.orgId,
        at,
        writeOnPool(deps),
      );
      return reply.type(XLSX).header('Content-Disposition', contentDisposition(fileName)).send(bytes);
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: '/questions/import',
      summary:
        '导入题目到本单位题库（.xlsx 原始字节，按题库导入模板）；有任何错误则不导入，返回每处错误的行和原因；本单位已有题号且内容有改动的保存为新版本',
      tag,
      access: 'exams.manage',
      query: z.object({
        orgId: orgId.optional(),
        dryRun: z.enum(['true', 'false']).optional(),
        name: z.string().max(255).optional(),
      }),
      upload: { maxBytes: DEFAULT_MAX_IMPORT_BYTES },
    },
    async ({ deps, query, body, req, reply, user, actor, at, now }) => {
      takeUpload(deps, user.id, reply, now);
      if (!Buffer.isBuffer(body)) throw new UserError('缺少文件内容', 'empty_file');
      const input = {
        orgId: query.orgId,
        fileName: fileNameOf(req, query.name),
        bytes: body,
        dryRun: query.dryRun === 'true',
        readSheets: (fileName: string, bytes: Uint8Array, format: LedgerFormat, maxBytes: number) =>
          deps.jobs.run('readLedger', { fileName, bytes, format, maxBytes }),
      };
      return importQuestions(deps.h, user, actor, input, at);
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: '/questions',
      summary: '在本单位题库新增一道题目（自动编号，版本 1）',
      tag,
      access: 'exams.manage',
      body: z.object({ orgId: orgId.optional(), draft }).strict(),
      status: 201,
    },
    async ({ deps, body, user, actor, at }) => createQuestion(deps.h, user, actor, body, at),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/questions/:id',
      summary: '修正一道题目：保存为同一题号的新版本，原版本保留给已组卷的试卷；入门题库的题目不能修改',
      tag,
      access: 'exams.manage',
      params: idParams,
      body: draft,
    },
    async ({ deps, params, body, user, actor, at }) =>
      correctQuestion(deps.h, user, actor, params.id, body, at),
  );
  route(
    app,
    {
      method: 'DELETE',
      url: '/questions/:id',
      summary: '删除（停用）一道题目：不再用于组卷，已组卷的试卷保留原题；入门题库的题目不能删除',
      tag,
      access: 'exams.manage',
      params: idParams,
    },
    async ({ deps, params, user, actor, at }) => retireQuestion(deps.h, user, actor, params.id, at),
  );
}
