import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import {
  MAX_REPLY_BYTES,
  staffDisclosureRequest,
  staffReplyFile,
  uploadDisclosureReply,
} from '../../services/public/disclosure-staff.ts';
import { contentDisposition, fileNameOf, takeUpload } from '../files.ts';
import { route } from '../route.ts';
import { idParams } from '../schemas.ts';

const uploadQuery = z.object({ name: z.string().max(255).optional() });

/** Staff's side of requests filed on the public portal: the applicant's request, the reply document. */
export function registerPublicRequestRoutes(app: FastifyInstance): void {
  const tag = '案件';
  route(
    app,
    {
      method: 'GET',
      url: '/cases/:id/public-request',
      summary: '网上提交的依申请公开：申请人信息和申请内容（查看个人信息记入审计日志）；非网上提交的为 null',
      tag,
      access: 'cases.read',
      params: idParams,
    },
    async ({ deps, params, user, actor, at }) => ({
      request: await staffDisclosureRequest(deps.h, user, actor, params.id, at),
    }),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/cases/:id/public-reply',
      summary:
        '上传网上申请的答复文书（PDF、.docx、OFD 或 JPG，不超过 20 MB；原始字节，文件名用 ?name= 或 X-File-Name），答复后申请人可凭查询码下载',
      tag,
      access: 'cases.act',
      params: idParams,
      query: uploadQuery,
      upload: { maxBytes: MAX_REPLY_BYTES },
      status: 201,
    },
    async ({ deps, params, query, body, req, reply, user, actor, at, now }) => {
      takeUpload(deps, user.id, reply, now);
      if (!Buffer.isBuffer(body)) throw new UserError('缺少文件内容', 'empty_file');
      const name = fileNameOf(req, query.name);
      return uploadDisclosureReply(deps.h, deps.store, user, actor, params.id, { name, bytes: body }, at);
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: '/cases/:id/public-reply',
      summary: '下载已上传的答复文书',
      tag,
      access: 'cases.read',
      params: idParams,
      produces: 'application/octet-stream',
    },
    async ({ deps, params, user, actor, at, reply }) => {
      const f = await staffReplyFile(deps.h, deps.store, user, actor, params.id, at);
      return reply
        .type(f.reply.mime)
        .header('Content-Disposition', contentDisposition(f.reply.fileName))
        .send(f.bytes);
    },
  );
}
