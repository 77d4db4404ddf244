import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { caseFeedback } from '../../services/public/feedback-status.ts';
import { feedbackRules, saveFeedbackRules } from '../../services/public/feedback-rules.ts';
import { route } from '../route.ts';
import { idParams } from '../schemas.ts';

const rules = z
  .object({
    categories: z
      .array(
        z.object({
          id: z.string().max(40).nullish(),
          label: z.string().max(100),
          caseType: z.string().max(30),
          subtype: z.string().max(30),
        }),
      )
      .max(100),
  })
  .strict();

/** The county's 群众诉求 rules, and the resident behind a case as its staff see it. */
export function registerFeedbackRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'GET',
      url: '/feedback-rules',
      summary: '本县群众诉求的分类及各分类转为的案件类型（未设置时为默认分类）',
      tag: '群众诉求',
      access: 'feedback.rules',
    },
    async ({ deps, user }) => feedbackRules(deps.h, user),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/feedback-rules',
      summary: '设置本县群众诉求的分类：名称、转为矛盾纠纷（纠纷类型）或信访事项（信访类型）',
      tag: '群众诉求',
      access: 'feedback.rules',
      body: rules,
    },
    async ({ deps, body, user, actor, at }) => saveFeedbackRules(deps.h, user, actor, body, at),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/cases/:id/feedback',
      summary: '案件来自群众诉求时，群众反映的内容和联系人（个人信息，查看记入审计日志）；其他案件为 null',
      tag: '案件',
      access: 'cases.read',
      params: idParams,
    },
    async ({ deps, params, user, actor, at }) => ({
      feedback: await caseFeedback(deps.h, user, actor, params.id, at),
    }),
  );
}
