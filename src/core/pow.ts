import { createHash } from 'node:crypto';

/**
 * Proof of work for the public portal's forms: the browser finds a nonce such that
 * SHA-256(`token:nonce`) starts with `bits` zero bits (about 2^bits hashes: a second on a phone
 * for 16 bits, and the same cost for every submission a flood would make).
 */
export function leadingZeroBits(digest: Uint8Array): number {
  let n = 0;
  for (const byte of digest) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    n += Math.clz32(byte) - 24;
    break;
  }
  return n;
}

export function powDigest(token: string, nonce: string): Uint8Array {
  return createHash('sha256').update(`${token}:${nonce}`).digest();
}

/** True when `nonce` answers `token` with at least `bits` leading zero bits. */
export function powSolves(token: string, nonce: string, bits: number): boolean {
  return nonce.length <= 32 && leadingZeroBits(powDigest(token, nonce)) >= bits;
}

/** Finds a nonce for `token` (tests and scripts; the browser does the same in portal.js). */
export function solvePow(token: string, bits: number): string {
  for (let i = 0; ; i++) {
    const nonce = i.toString(36);
    if (powSolves(token, nonce, bits)) return nonce;
  }
}
