import { createHash } from 'node:crypto';
import { UserError } from '../../core/errors.ts';
import { submittedSince } from '../../db/public.repo.ts';
import type { AuditActor } from '../audit.ts';

/** A second identical submission within this time is refused (a double click, a resend, a flood). */
export const DUPLICATE_WINDOW_MS = 12 * 3600_000;

/** Who acts on the public portal: no account; the address is kept for the audit log. */
export function publicActor(ip: string): AuditActor {
  return { id: null, username: '公众（门户网站）', role: 'public', ip };
}

/** SHA-256 of a submission's parts with white space folded, for the duplicate guard. */
export function contentHash(parts: readonly (string | number | null | undefined)[]): string {
  const text = parts
    .map((p) =>
      String(p ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .join('\u0000');
  return createHash('sha256').update(text).digest('hex');
}

/** Refuses a submission identical to one filed in the last 12 hours. */
export async function refuseDuplicate(
  db: Parameters<typeof submittedSince>[0],
  hash: string,
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString();
  if (await submittedSince(db, hash, since))
    throw new UserError(
      '12小时内已提交过内容相同的申请，请勿重复提交；查询办理进度请使用当时获得的查询码',
      'duplicate',
      409,
    );
}
