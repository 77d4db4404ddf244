/**
 * What the signed-in role may do, as the server says with the user (GET /api/auth/me), so the UI
 * shows only the buttons a role can use. The server still checks every request.
 */
import type { Action, User } from '../api/types.ts';

export type { Action };

export const allowed = (u: User, action: Action): boolean => u.permissions.includes(action);

export function kindReadable(u: User, kind: string): boolean {
  return u.readKinds === null || u.readKinds.includes(kind);
}

export function kindWritable(u: User, kind: string): boolean {
  if (!allowed(u, 'records.write')) return false;
  return u.writeKinds === null || u.writeKinds.includes(kind);
}

export const isCounty = (u: User): boolean => u.orgKind === 'county';
