import type { Db } from '../../db/connect.ts';
import { requestKind } from '../../db/public.repo.ts';
import type { Org } from '../orgs.ts';
import { codeHash, notFoundCode } from './codes.ts';

/** Which kind of request a tracking code belongs to in a county (disclosure or feedback), or a 404. */
export async function requestKindByCode(h: Db, county: Org, code: string): Promise<string> {
  const kind = await requestKind(h.db, codeHash(code), county.id);
  if (!kind) throw notFoundCode();
  return kind;
}
