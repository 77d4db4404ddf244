import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { UserError } from '../../core/errors.ts';
import { powSolves } from '../../core/pow.ts';
import type { Db } from '../../db/connect.ts';
import { useChallenge } from '../../db/public.repo.ts';
import { auditKeyOf } from '../audit-key.ts';

/** Leading zero bits a submission's proof of work needs. */
export const POW_BITS = 16;
/** How long a challenge may be answered. */
const CHALLENGE_MS = 15 * 60_000;

const processKeys = new WeakMap<object, Buffer>();

/**
 * The key challenges are signed with: derived from the data folder's audit key when there is one
 * (so every server on the database accepts another's challenge), else one per process.
 */
function signingKey(h: Db): Buffer {
  const audit = auditKeyOf(h);
  if (audit) return createHmac('sha256', audit.key).update('fazhi public challenge').digest();
  let k = processKeys.get(h.db);
  if (!k) {
    k = randomBytes(32);
    processKeys.set(h.db, k);
  }
  return k;
}

const sign = (h: Db, body: string): string =>
  createHmac('sha256', signingKey(h)).update(body).digest('base64url').slice(0, 32);

export interface Challenge {
  /** Sent back with the nonce: `id.bits.expires.signature`. */
  readonly token: string;
  readonly bits: number;
  readonly expiresAt: string;
}

/** A new challenge: signed, so the server stores nothing until it is answered. */
export function issueChallenge(h: Db, now: Date, bits = POW_BITS): Challenge {
  const expires = now.getTime() + CHALLENGE_MS;
  const body = `${randomBytes(12).toString('base64url')}.${bits}.${expires}`;
  return { token: `${body}.${sign(h, body)}`, bits, expiresAt: new Date(expires).toISOString() };
}

const refused = (message: string): UserError => new UserError(message, 'challenge_failed', 400);

/**
 * Checks a submission's proof of work and marks the challenge used (in the submission's own
 * transaction when `db` is one, so a refused submission leaves the challenge usable).
 */
export async function acceptChallenge(
  h: Db,
  db: Parameters<typeof useChallenge>[0],
  answer: { token: string; nonce: string },
  now: Date,
): Promise<void> {
  const parts = answer.token.split('.');
  if (parts.length !== 4) throw refused('提交校验无效，请刷新页面后重新提交');
  const [id, bitsText, expiresText, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(h, `${id}.${bitsText}.${expiresText}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw refused('提交校验无效，请刷新页面后重新提交');
  const expires = Number(expiresText);
  if (!(expires > now.getTime())) throw refused('页面停留时间过长，提交校验已过期，请重新提交');
  const bits = Number(bitsText);
  if (!(bits >= POW_BITS) || !powSolves(answer.token, answer.nonce, bits))
    throw refused('提交校验未通过，请确认浏览器已启用脚本后重新提交');
  if (!(await useChallenge(db, id, new Date(expires).toISOString(), now.toISOString())))
    throw refused('该提交校验已使用过，请勿重复提交');
}
