/**
 * What the signed-in role may do, from the server's own declaration (services/access.ts), so the UI
 * shows only the buttons a role can use. The server still checks every request.
 */
import { allowedKinds, can, type Action } from '../../../src/services/access.ts';
import type { User } from '../api/types.ts';

export type { Action };

export const allowed = (u: User, action: Action): boolean => can(u.role, action);

export function kindReadable(u: User, kind: string): boolean {
  const list = allowedKinds(u.role, 'read');
  return list === undefined || list.includes(kind);
}

export function kindWritable(u: User, kind: string): boolean {
  if (!can(u.role, 'records.write')) return false;
  const list = allowedKinds(u.role, 'write');
  return list === undefined || list.includes(kind);
}

export const isCounty = (u: User): boolean => u.orgKind === 'county';
