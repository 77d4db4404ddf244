import type { FastifyReply, FastifyRequest } from 'fastify';
import { UserError } from '../core/errors.ts';
import type { AppDeps } from './context.ts';

/** JSON bodies are small; files come as raw bodies with their own, larger limits per route. */
export const JSON_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 20 * 1024 * 1024;

/** The uploaded file's name: `?name=`, else the X-File-Name header (percent-encoded for non-ASCII names). */
export function fileNameOf(req: FastifyRequest, queryName: string | undefined): string {
  const header = req.headers['x-file-name'];
  const raw = queryName ?? (typeof header === 'string' ? header : undefined);
  if (!raw) return '上传文件';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** `attachment` with an ASCII fallback and the real name per RFC 5987 / RFC 6266. */
export function contentDisposition(
  name: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a file as a download under its own name. */
export function sendDownload(
  reply: FastifyReply,
  fileName: string,
  bytes: Uint8Array,
  type = DOCX_TYPE,
): FastifyReply {
  return reply
    .type(type)
    .header('Content-Disposition', contentDisposition(fileName))
    .send(Buffer.from(bytes));
}

/** One upload token for the user, or 429. */
export function takeUpload(deps: AppDeps, userId: number, reply: FastifyReply, now: Date): void {
  const key = String(userId);
  if (deps.limits.uploads.take(key, now.getTime())) return;
  reply.header('Retry-After', String(deps.limits.uploads.retryAfter(key, now.getTime())));
  deps.throttles.note('uploads', key, reply.request.ip, now.toISOString());
  throw new UserError('上传过于频繁，请稍后再试', 'rate_limited', 429);
}
