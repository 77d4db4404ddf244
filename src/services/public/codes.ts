import { createHash, randomBytes } from 'node:crypto';
import { UserError } from '../../core/errors.ts';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new tracking code: 16 characters of base32 (80 random bits), shown as four groups
 * (`7K3M-Q9XA-…`). Only its SHA-256 is stored, so the database cannot give it away either.
 */
export function newTrackingCode(): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += ALPHABET[bytes[i]! & 31];
  return out.replace(/(.{4})(?=.)/g, '$1-');
}

/** The code as the requester may have typed it: case, spaces, dashes and look-alikes forgiven. */
export function normaliseCode(input: string): string {
  const s = input
    .toUpperCase()
    .replace(/[\s\-－—_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(s)) throw notFoundCode();
  return s;
}

export const codeHash = (code: string): string =>
  createHash('sha256').update(normaliseCode(code)).digest('hex');

export const notFoundCode = (): UserError =>
  new UserError('查询码不存在，请核对后重新输入（查询码为16位字母和数字）', 'not_found', 404);
