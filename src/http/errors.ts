import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import { unreachableReason } from '../db/connect.ts';
import { portalNotice } from './public/layout.ts';

/** The one error shape of the API. */
export interface ApiError {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
}

export const noticeTitle = (status: number): string =>
  status === 404 ? '没有找到' : status === 429 ? '访问过于频繁' : status >= 500 ? '暂时无法办理' : '无法办理';

export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: unknown,
): FastifyReply {
  // A page of the public portal answers a page, never JSON (a bad filter, a missing page).
  const path = reply.request.url.split('?')[0] ?? '';
  if (path.startsWith('/public/') && !path.startsWith('/public/assets/'))
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(portalNotice({ title: noticeTitle(status), message }));
  const body: ApiError = { error: details === undefined ? { code, message } : { code, message, details } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

// Fastify's own request errors, in Chinese.
const fastifyErrors: Readonly<Record<string, readonly [number, string, string]>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', '请求体不是有效的 JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json', '请求体为空，但内容类型声明为 JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'too_large', '请求体过大：JSON 不超过 1 MB，上传文件不超过 20 MB'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'unsupported_media_type',
    '不支持的内容类型：请使用 application/json，上传文件用 application/octet-stream',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request', '请求的 Content-Length 与实际长度不符'],
  FST_ERR_BAD_URL: [400, 'bad_url', '请求地址无效'],
};

/** `字段 a.b：消息` lines from a zod error (messages are Chinese: see z.config in app.ts). */
export function describeZod(
  e: z.ZodError,
  where: string,
): { message: string; details: { field: string; message: string }[] } {
  const details = e.issues.map((i) => ({ field: i.path.map(String).join('.') || where, message: i.message }));
  const text = details.map((d) => `${d.field}：${d.message}`).join('；');
  return { message: `请求参数有误（${where}）：${text}`, details };
}

/** Wraps a zod error with where it was found (body, query, params) so the answer can say so. */
export class RequestValidationError extends Error {
  constructor(
    readonly zod: z.ZodError,
    readonly where: string,
  ) {
    super('invalid request');
  }
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (err instanceof UserError) {
      // A refusal while busy is not a fault (a line each would flood the log under load): the client
      // is told when to try again.
      if (err.code === 'busy') void reply.header('Retry-After', '1');
      else if (err.status >= 500) req.log.error({ err }, 'user error with server status');
      return sendError(reply, err.status, err.code, err.message, err.details);
    }
    if (err instanceof RequestValidationError) {
      const d = describeZod(err.zod, err.where);
      return sendError(reply, 400, 'invalid_request', d.message, d.details);
    }
    if (err instanceof z.ZodError) {
      const d = describeZod(err, 'body');
      return sendError(reply, 400, 'invalid_request', d.message, d.details);
    }
    if (unreachableReason(err) !== null) {
      req.log.warn({ err }, 'database unreachable');
      return sendError(
        reply,
        503,
        'db_unavailable',
        '数据库暂时无法访问，请稍后再试；如持续出现请联系管理员',
      );
    }
    const code = 'code' in err && typeof err.code === 'string' ? err.code : '';
    const known = fastifyErrors[code];
    if (known) return sendError(reply, known[0], known[1], known[2]);
    const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) return sendError(reply, status, 'bad_request', '请求无效');
    req.log.error({ err }, 'unhandled error');
    return sendError(reply, 500, 'internal', '服务器内部错误，请稍后再试；如持续出现请联系管理员');
  });
}
