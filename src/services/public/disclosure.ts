/**
 * 依申请公开 on the public portal: a request filed without an account opens a disclosure case at
 * the township chosen (its 20-working-day clock starts, 政府信息公开条例 第33条), the applicant follows
 * it by its tracking code, corrects it online when asked (第30条: the clock restarts), and downloads
 * the reply once given. The applicant's personal information stays in `public_requests.person`;
 * the case record holds the name only, and no audit entry holds any of it.
 */
import { disclosureRequest } from '../../catalogue/cases/disclosure.ts';
import { todayOf } from '../../core/dates.ts';
import { UserError } from '../../core/errors.ts';
import { ALL } from '../../core/scope.ts';
import type { Db } from '../../db/connect.ts';
import { replyOf } from '../../db/disclosure.repo.ts';
import { insertPublicRequest, requestByCode, updateRequestContent } from '../../db/public.repo.ts';
import type { Transaction } from 'kysely';
import type { Database, PublicRequestRow } from '../../db/schema.ts';
import { withAudit, type AuditActor, type AuditEvent } from '../audit.ts';
import {
  insertCase,
  showCase,
  stepCase,
  townshipContext,
  type CaseDetail,
  type TownshipContext,
} from '../cases.ts';
import { FileStore } from '../file-store.ts';
import { requireOrg, type Org } from '../orgs.ts';
import { acceptChallenge } from './challenge.ts';
import { codeHash, newTrackingCode, notFoundCode } from './codes.ts';
import {
  maskName,
  readCorrection,
  readDisclosureForm,
  submissionParts,
  type Applicant,
  type DisclosureAsk,
} from './disclosure-form.ts';
import { disclosureStatus, type DisclosureStatus } from './disclosure-status.ts';
import { contentHash, refuseDuplicate } from './guard.ts';
import { portalTownship } from './portal.ts';

/**
 * The case engine takes steps only in a case role. Receiving a request filed online, and its
 * 补正, is the township's own act of receipt (第31条第3项: the platform's confirmation is the
 * organ's), entered by the platform in the place of the township's staff and named as the public.
 */
const RECEIVING_ROLE = 'township_staff';
export const ONLINE_APPLICATION = '网上申请';
export const ONLINE_CORRECTION = '申请人网上补正';

/** What a request stores besides the applicant: the request and every 补正 made online. */
export interface DisclosureContent extends DisclosureAsk {
  readonly corrections: readonly {
    readonly on: string;
    readonly description: string;
    readonly note: string | null;
  }[];
}

export interface ProofOfWork {
  readonly token: string;
  readonly nonce: string;
}

/** A case title (申请内容) from the description: one line, at most 200 characters. */
function titleOf(description: string): string {
  const line = description.replace(/\s+/g, ' ').trim();
  return [...line].length <= 200 ? line : `${[...line].slice(0, 199).join('')}…`;
}

/** A request read and checked, ready to be stored: the township is one of the county's. */
export interface CheckedRequest {
  readonly county: Org;
  readonly ctx: TownshipContext;
  readonly applicant: Applicant;
  readonly ask: DisclosureAsk;
}

/** Reads the form and finds the township chosen among the county's (a 400 for anything wrong). */
export async function checkDisclosureRequest(
  h: Db,
  county: Org,
  form: Readonly<Record<string, unknown>>,
): Promise<CheckedRequest> {
  const { applicant, ask } = readDisclosureForm(form);
  const township = await portalTownship(h, county, ask.townshipId);
  return { county, ctx: await townshipContext(h, township), applicant, ask };
}

/**
 * Opens the case and stores the request on the caller's transaction, after the 12-hour duplicate
 * guard; the caller has checked the proof of work and appends the audit event returned.
 */
export async function storeDisclosureRequest(
  h: Db,
  trx: Transaction<Database>,
  r: CheckedRequest,
  now: Date,
): Promise<{ code: string; township: string; receivedOn: string; event: AuditEvent }> {
  const { county, ctx, applicant, ask } = r;
  const at = now.toISOString();
  // 第31条第3项: a request filed online is received on the day the platform confirms it.
  const receivedOn = todayOf(at);
  const hash = contentHash([county.code, ...submissionParts(applicant, ask)]);
  await refuseDuplicate(trx, hash, now);
  const id = await insertCase(
    h,
    trx,
    ctx,
    disclosureRequest,
    { date: receivedOn, title: titleOf(ask.description), data: { applicant: applicant.name } },
    { role: RECEIVING_ROLE, actor: ONLINE_APPLICATION, now: at },
  ).catch((e: unknown) => {
    throw e instanceof UserError && e.code === 'duplicate'
      ? new UserError('今天已提交过内容相同的申请，请勿重复提交', 'duplicate', 409)
      : e;
  });
  const code = newTrackingCode();
  const content: DisclosureContent = { ...ask, corrections: [] };
  const requestId = await insertPublicRequest(trx, {
    kind: 'disclosure',
    codeHash: codeHash(code),
    countyId: county.id,
    townshipId: ctx.township.id,
    recordId: id,
    person: JSON.stringify(applicant),
    content: JSON.stringify(content),
    contentHash: hash,
    createdAt: at,
  });
  const event: AuditEvent = {
    action: 'public.disclosure_request',
    targetType: 'case',
    targetId: id,
    after: {
      request: requestId,
      townshipId: ctx.township.id,
      state: disclosureRequest.initial,
      date: receivedOn,
    },
  };
  return { code, township: ctx.township.name, receivedOn, event };
}

/**
 * Files a request: checks the form, the township (of this county), the proof of work and the
 * 12-hour duplicate guard, then opens the case and stores the request in one audited transaction.
 * The tracking code is returned once and only its hash is kept.
 */
export async function submitDisclosureRequest(
  h: Db,
  actor: AuditActor,
  county: Org,
  input: { readonly form: Readonly<Record<string, unknown>>; readonly challenge: ProofOfWork },
  now: Date,
): Promise<{ code: string; township: string; receivedOn: string }> {
  const checked = await checkDisclosureRequest(h, county, input.form);
  const { code, township, receivedOn } = await withAudit(h, actor, now.toISOString(), async (trx) => {
    await acceptChallenge(h, trx, input.challenge, now);
    const out = await storeDisclosureRequest(h, trx, checked, now);
    return { result: out, events: [out.event] };
  });
  return { code, township, receivedOn };
}

/** The request behind a code, and its case; another county's code, or a malformed one, is not found. */
async function byCode(
  h: Db,
  code: string,
  county: Org | undefined,
  at: string,
): Promise<{ row: PublicRequestRow & { record_id: number }; c: CaseDetail }> {
  const row = await requestByCode(h.db, 'disclosure', codeHash(code));
  if (!row || row.record_id === null || (county && row.county_id !== county.id)) throw notFoundCode();
  const c = await showCase(h, ALL, row.record_id, at);
  return { row: { ...row, record_id: row.record_id }, c };
}

const personOf = (h: Db, row: PublicRequestRow): Partial<Applicant> => h.dialect.readJson(row.person);

/** The status of a request as its applicant sees it (no personal information but the masked name). */
export async function disclosureByCode(
  h: Db,
  code: string,
  now: Date,
  county?: Org,
): Promise<DisclosureStatus> {
  const { row, c } = await byCode(h, code, county, now.toISOString());
  const township = await requireOrg(h, row.township_id);
  const reply = c.state === 'replied' ? await replyOf(h.db, row.id) : undefined;
  return disclosureStatus({
    township: township.name,
    applicantMasked: maskName(personOf(h, row).name ?? ''),
    state: c.state,
    date: c.date,
    data: c.data,
    events: c.events,
    clocks: c.clocks,
    replyDocument: reply ? { fileName: reply.file_name, size: reply.size } : null,
  });
}

/**
 * The applicant's 补正, accepted only while the case is 补正中: the case takes its `corrected` step
 * (the reply period runs again from today, 第30条) and the correction is kept with the request.
 */
export async function correctDisclosureRequest(
  h: Db,
  actor: AuditActor,
  code: string,
  input: { readonly form: Readonly<Record<string, unknown>>; readonly challenge: ProofOfWork },
  now: Date,
  county?: Org,
): Promise<DisclosureStatus> {
  const correction = readCorrection(input.form);
  const at = now.toISOString();
  const { row, c } = await byCode(h, code, county, at);
  const notAsked = () =>
    new UserError(
      `该申请当前${c.state === 'replied' ? '已答复' : '不需要补正'}，无须提交补正`,
      'not_in_correction',
      409,
    );
  if (c.state !== 'correction') throw notAsked();
  const ctx = await townshipContext(h, await requireOrg(h, row.township_id));
  const today = todayOf(at);
  await withAudit(h, actor, at, async (trx) => {
    await acceptChallenge(h, trx, input.challenge, now);
    const out = await stepCase(
      h,
      trx,
      ctx,
      ALL,
      row.record_id,
      { action: 'corrected', role: RECEIVING_ROLE, actor: ONLINE_CORRECTION, date: today },
      at,
    );
    // A refused step (another 补正 got there first) is not kept: the public's attempts stay out of the history.
    if (out.refusal) throw notAsked();
    const fresh = await requestByCode(trx, 'disclosure', row.code_hash);
    const content = h.dialect.readJson(fresh?.content ?? row.content) as Partial<DisclosureContent>;
    const next: Partial<DisclosureContent> = {
      ...content,
      corrections: [...(content.corrections ?? []), { on: today, ...correction }],
    };
    await updateRequestContent(trx, row.id, JSON.stringify(next));
    return {
      result: undefined,
      events: [
        {
          action: 'public.disclosure_correction',
          targetType: 'case',
          targetId: row.record_id,
          before: { state: out.before.state },
          after: { request: row.id, state: out.after.state, date: today },
        },
      ],
    };
  });
  return disclosureByCode(h, code, now, county);
}

/** The reply document, once the case is 已答复; checked against its content address. */
export async function disclosureReplyFile(
  h: Db,
  store: FileStore,
  code: string,
  now: Date,
  county?: Org,
): Promise<{ fileName: string; mime: string; bytes: Buffer }> {
  const { row, c } = await byCode(h, code, county, now.toISOString());
  const reply = c.state === 'replied' ? await replyOf(h.db, row.id) : undefined;
  if (!reply)
    throw new UserError(
      c.state === 'replied'
        ? '答复文书未上传到网上，将按您选择的方式送达'
        : '该申请尚未答复，暂无答复文书可下载',
      'not_found',
      404,
    );
  const bytes = await store.get(reply.sha256);
  if (FileStore.sha256(bytes) !== reply.sha256)
    throw new UserError('答复文书的文件内容与登记的摘要不符，请联系受理机关', 'corrupt', 500);
  return { fileName: reply.file_name, mime: reply.mime, bytes };
}
