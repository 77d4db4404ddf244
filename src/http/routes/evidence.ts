import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { MAX_EVIDENCE_BYTES } from '../../services/evidence.ts';
import { addEvidence, dropEvidence, fetchEvidence, recordEvidence } from '../../services/ledger-writes.ts';
import { contentDisposition, fileNameOf, takeUpload } from '../files.ts';
import { route } from '../route.ts';
import { idParams } from '../schemas.ts';

const uploadQuery = z.object({ name: z.string().max(255).optional() });

export function registerEvidenceRoutes(app: FastifyInstance): void {
  const tag = '证据材料';
  route(
    app,
    {
      method: 'GET',
      url: '/records/:id/evidence',
      summary: '记录的证据材料',
      tag,
      access: 'evidence.read',
      params: idParams,
    },
    async ({ deps, params, user }) => ({
      items: await recordEvidence(deps.h, user, params.id),
    }),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/records/:id/evidence',
      summary:
        '上传证据文件（原始字节，Content-Type: application/octet-stream；文件名用 ?name= 或 X-File-Name）',
      tag,
      access: 'evidence.write',
      params: idParams,
      query: uploadQuery,
      upload: { maxBytes: MAX_EVIDENCE_BYTES },
      status: 201,
    },
    async ({ deps, params, query, body, req, reply, user, actor, at, now }) => {
      takeUpload(deps, user.id, reply, now);
      const name = fileNameOf(req, query.name);
      if (!Buffer.isBuffer(body)) throw new UserError('缺少文件内容', 'empty_file');
      return addEvidence(deps.h, deps.store, user, actor, params.id, { name, bytes: body }, at);
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: '/evidence/:id',
      summary: '下载证据文件',
      tag,
      access: 'evidence.read',
      params: idParams,
      produces: 'application/octet-stream',
    },
    async ({ deps, params, user, actor, at, reply }) => {
      const { evidence, bytes } = await fetchEvidence(deps.h, deps.store, user, actor, params.id, at);
      return reply
        .type(evidence.mime)
        .header('Content-Disposition', contentDisposition(evidence.fileName))
        .send(bytes);
    },
  );
  route(
    app,
    {
      method: 'DELETE',
      url: '/evidence/:id',
      summary: '删除证据文件',
      tag,
      access: 'evidence.write',
      params: idParams,
    },
    async ({ deps, params, user, actor, at }) => {
      await dropEvidence(deps.h, deps.store, user, actor, params.id, at);
      return { ok: true };
    },
  );
}
