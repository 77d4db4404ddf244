import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  consultationDetail,
  listConsultations,
  markComment,
  publishConsultation,
  publishSummary,
} from '../../services/public/consultations-staff.ts';
import { route } from '../route.ts';
import { idParams, isoDate, orgId } from '../schemas.ts';

// Upper bounds only: the service names each field in its Chinese refusal.
const text = (max: number) => z.string().max(max);

const publishBody = z
  .object({
    caseId: z.number().int().positive(),
    title: text(1000),
    explanation: text(100_000),
    draft: text(400_000),
    closesOn: isoDate,
    shortReason: text(5000).nullish(),
  })
  .strict();

const markBody = z
  .object({
    decision: z.string().max(20),
    reason: text(5000).nullish(),
    digest: text(5000),
  })
  .strict();

const commentParams = z.object({
  id: idParams.shape.id,
  commentId: idParams.shape.id,
});

/** 公众参与: the township's consultations on its major decisions, their comments and the adoption summary. */
export function registerConsultationRoutes(app: FastifyInstance): void {
  const tag = '公众参与';
  route(
    app,
    {
      method: 'GET',
      url: '/consultations',
      summary: '本辖区重大行政决策的公开征求意见（可按乡镇筛选），含意见条数和未处理条数',
      tag,
      access: 'consultations.read',
      query: z.object({ township: orgId.optional() }),
    },
    async ({ deps, query, user, at }) => ({
      items: await listConsultations(
        deps.h,
        user,
        { ...(query.township ? { townshipId: query.township } : {}) },
        at,
      ),
    }),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/consultations',
      summary:
        '为拟订中的重大行政决策发布征求意见稿（起草说明、草案、截止日期；不足30日的须说明理由），同时办理“公开征求意见”步骤',
      tag,
      access: 'consultations.manage',
      body: publishBody,
      status: 201,
    },
    async ({ deps, body, user, actor, at }) => publishConsultation(deps.h, user, actor, body, at),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/consultations/:id',
      summary: '一项征求意见及其全部公众意见（含提出人留下的姓名和联系方式）',
      tag,
      access: 'consultations.read',
      params: idParams,
    },
    async ({ deps, params, user, at }) => consultationDetail(deps.h, user, params.id, at),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/consultations/:id/comments/:commentId',
      summary: '处理一条公众意见：采纳、部分采纳或不采纳（后两者须说明理由），并填写公布用的意见摘要',
      tag,
      access: 'consultations.manage',
      params: commentParams,
      body: markBody,
    },
    async ({ deps, params, body, user, actor, at }) =>
      markComment(
        deps.h,
        user,
        actor,
        { consultationId: params.id, commentId: params.commentId, ...body },
        at,
      ),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/consultations/:id/summary',
      summary: '征求意见截止且全部意见处理后，公布意见采纳情况；决策的“公众参与完成”并登记意见条数',
      tag,
      access: 'consultations.manage',
      params: idParams,
      body: z.object({ text: text(50_000) }).strict(),
    },
    async ({ deps, params, body, user, actor, at }) =>
      publishSummary(deps.h, user, actor, { consultationId: params.id, text: body.text }, at),
  );
}
