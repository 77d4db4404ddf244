import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { DEFAULT_MAX_IMPORT_BYTES } from '../../services/ledger-io/index.ts';
import type { LedgerFormat } from '../../services/ledger-io/format.ts';
import { replacePowerList } from '../../services/powers.ts';
import { fileNameOf, takeUpload } from '../files.ts';
import { route } from '../route.ts';
import { orgId, year } from '../schemas.ts';

const query = z.object({
  township: orgId.optional(),
  year,
  dryRun: z.enum(['true', 'false']).optional(),
  name: z.string().max(255).optional(),
});

/** The 权力清单: a year's list uploaded replaces that year's list (the powers are ledger records). */
export function registerPowerRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'POST',
      url: '/powers',
      summary:
        '导入某年度权力清单（.xlsx 或 .csv 原始字节），替换该年度原有清单；有错误时不作任何改动，返回每处错误的工作表、行、列',
      tag: '权力清单',
      access: 'ledger.import',
      query,
      upload: { maxBytes: DEFAULT_MAX_IMPORT_BYTES },
    },
    async ({ deps, query, body, req, reply, user, actor, at, now }) => {
      takeUpload(deps, user.id, reply, now);
      if (!Buffer.isBuffer(body)) throw new UserError('缺少文件内容', 'empty_file');
      const input = {
        townshipId: query.township,
        year: query.year,
        fileName: fileNameOf(req, query.name),
        bytes: body,
        dryRun: query.dryRun === 'true',
        readSheets: (fileName: string, bytes: Uint8Array, format: LedgerFormat, maxBytes: number) =>
          deps.jobs.run('readLedger', { fileName, bytes, format, maxBytes }),
      };
      return replacePowerList(deps.h, user, actor, input, at);
    },
  );
}
