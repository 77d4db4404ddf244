/** Test fixtures for 依申请公开 on the portal: a solved challenge, a filled form, a filed request. */
import { solvePow } from '../core/pow.ts';
import type { Db } from '../db/connect.ts';
import { systemPrincipal, type Principal } from '../services/access.ts';
import { actorOf, withAudit } from '../services/audit.ts';
import { takeCaseStep } from '../services/case-writes.ts';
import type { FileStore } from '../services/file-store.ts';
import type { Org } from '../services/orgs.ts';
import { uploadDisclosureReply } from '../services/public/disclosure-staff.ts';
import { issueChallenge } from '../services/public/challenge.ts';
import { checkDisclosureRequest, storeDisclosureRequest } from '../services/public/disclosure.ts';
import { publicActor } from '../services/public/guard.ts';
import { requestByCode } from '../db/public.repo.ts';
import { codeHash } from '../services/public/codes.ts';

/** A challenge issued at `now` and solved, as the portal's script answers it. */
export function solvedChallenge(h: Db, now: Date): { token: string; nonce: string } {
  const c = issueChallenge(h, now);
  return { token: c.token, nonce: solvePow(c.token, c.bits) };
}

/** A valid 居民身份证号码 (its check character is right). */
export const RESIDENT_ID = '11010519491231002X';
/** A valid 统一社会信用代码. */
export const CREDIT_CODE = '91350100M000100Y43';

let seq = 0;

/** A citizen's request to `township`, every field valid; the description differs per call. */
export function citizenForm(township: Org, extra: Record<string, string> = {}): Record<string, string> {
  return {
    applicantType: 'citizen',
    name: '张三',
    idType: 'resident_id',
    idNumber: RESIDENT_ID,
    phone: '13800138000',
    address: '测试县人民路1号',
    email: '',
    township: String(township.id),
    description: `${township.name}2024年度农村公路养护资金使用情况（申请${++seq}）`,
    delivery: 'online',
    medium: 'electronic',
    ...extra,
  };
}

/**
 * Files a citizen's request as the portal does, its proof of work left out (each costs a quarter
 * of a second of CPU, and the routes' own tests solve theirs); its code and the case it opened.
 */
export async function fileRequest(
  h: Db,
  county: Org,
  township: Org,
  now: Date,
  extra: Record<string, string> = {},
): Promise<{ code: string; caseId: number }> {
  const checked = await checkDisclosureRequest(h, county, citizenForm(township, extra));
  const { code } = await withAudit(h, publicActor('203.0.113.9'), now.toISOString(), async (trx) => {
    const out = await storeDisclosureRequest(h, trx, checked, now);
    return { result: out, events: [out.event] };
  });
  const row = await requestByCode(h.db, 'disclosure', codeHash(code));
  return { code, caseId: Number(row?.record_id) };
}

/** The township asks for 补正 with a reason (the step's own date: `now`'s day). */
export async function askCorrection(
  h: Db,
  p: Principal,
  caseId: number,
  now: Date,
  reason = '请写明所需信息的文号或形成时间',
): Promise<void> {
  await takeCaseStep(h, p, actorOf(p, null), caseId, { action: 'ask_correction', reason }, now.toISOString());
}

/** The township replies (予以公开). */
export async function replyToRequest(h: Db, p: Principal, caseId: number, now: Date): Promise<void> {
  await takeCaseStep(
    h,
    p,
    actorOf(p, null),
    caseId,
    { action: 'reply', values: { replyType: 'disclosed' } },
    now.toISOString(),
  );
}

/** A one-page PDF's bytes (enough for the type to be sniffed). */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** Where a portal request of the access matrix is filed: the own county's 甲镇, or 外县's 丙镇. */
export interface PortalPlace {
  readonly h: Db;
  readonly store: FileStore;
  readonly county: Org;
  readonly township: Org;
}

const portalCases = new WeakMap<object, Map<string, { code: string; caseId: number }>>();

/**
 * A request filed on the portal, at a stage: `filed` (办理中), `correction` (a fresh one asked for
 * 补正 each time), `replied` (已答复, its reply document uploaded). Kept per `owner` and place.
 */
export async function portalCase(
  owner: object,
  at: PortalPlace,
  stage: 'filed' | 'correction' | 'replied',
): Promise<{ code: string; caseId: number }> {
  const cache = portalCases.get(owner) ?? new Map<string, { code: string; caseId: number }>();
  portalCases.set(owner, cache);
  const key = `${at.township.id}:${stage}`;
  const kept = cache.get(key);
  if (kept && stage !== 'correction') return kept;
  const now = new Date();
  const made = await fileRequest(at.h, at.county, at.township, now);
  const p = systemPrincipal('matrix');
  if (stage === 'correction') await askCorrection(at.h, p, made.caseId, now);
  if (stage === 'replied') {
    const file = { name: '答复书.pdf', bytes: PDF };
    await uploadDisclosureReply(at.h, at.store, p, actorOf(p, null), made.caseId, file, now.toISOString());
    await replyToRequest(at.h, p, made.caseId, now);
  }
  cache.set(key, made);
  return made;
}
