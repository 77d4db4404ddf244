/**
 * 群众诉求 from the public portal: a resident's problem becomes a dispute (人民调解) or petition
 * (信访) case at the township where it happened, with its statutory clock, tracked by a code.
 * The contact is personal information (个人信息保护法): it is kept in `public_requests.person`
 * only, shown to staff within their scope, and never written to the audit log.
 */
import { fileTypeFromBuffer } from 'file-type';
import { FEEDBACK_CASE_TYPES, type FeedbackCategory } from '../../catalogue/feedback.ts';
import { findCaseType } from '../../catalogue/cases.ts';
import { todayOf } from '../../core/dates.ts';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import * as evidenceRepo from '../../db/evidence.repo.ts';
import { lockRequest, setRequestRecord } from '../../db/feedback.repo.ts';
import { insertPublicRequest, requestByCode, updateRequestContent } from '../../db/public.repo.ts';
import { withAudit } from '../audit.ts';
import { insertCase, townshipContext } from '../cases.ts';
import { safeFileName } from '../evidence.ts';
import type { FileStore } from '../file-store.ts';
import type { Org } from '../orgs.ts';
import { acceptChallenge } from './challenge.ts';
import { codeHash, newTrackingCode, notFoundCode } from './codes.ts';
import { countyCategories } from './feedback-rules.ts';
import { contentHash, publicActor, refuseDuplicate } from './guard.ts';
import { portalCounty, portalTownships } from './portal.ts';
import { phoneNumber } from '../../core/phone.ts';

/** Longest description a resident may write. */
export const MAX_DESCRIPTION = 2000;
export const MAX_CONTACT_NAME = 30;
/** Photos per feedback, their size and types (decided from the bytes, never the name). */
export const MAX_PHOTOS = 3;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
};
/** Photos are sent right after the submission; later the code alone must not add files to a case. */
export const PHOTO_WINDOW_MS = 3600_000;

/** What the resident reported, as stored in `public_requests.content`. */
export interface FeedbackContent {
  readonly category: { readonly id: string; readonly label: string };
  readonly caseType: string;
  readonly subtype: string;
  readonly village: { readonly id: number; readonly name: string } | null;
  readonly description: string;
  readonly photos: number;
}

/** Who to reach, as stored in `public_requests.person`. */
export interface FeedbackPerson {
  readonly name: string | null;
  readonly phone: string;
}

export interface FeedbackInput {
  readonly county: string;
  readonly category: string;
  /** `t<township id>` or `v<village id>`. */
  readonly place: string;
  readonly description: string;
  readonly name?: string;
  readonly phone: string;
  readonly challenge: { readonly token: string; readonly nonce: string };
}

const invalid = (message: string, code = 'invalid_feedback'): UserError => new UserError(message, code, 400);

/** A mobile number (11 digits from 1) or a landline with its area code; separators and +86 forgiven. */
export function normalisePhone(input: string): string {
  const phone = phoneNumber(input);
  if (phone) return phone;
  throw invalid('请填写正确的联系电话：11位手机号码，或带区号的固定电话', 'invalid_phone');
}

/** The township (and village, if one was chosen) of the county a resident picked. */
async function placeOf(h: Db, county: Org, place: string): Promise<{ township: Org; village: Org | null }> {
  const m = /^([tv])(\d{1,10})$/.exec(place.trim());
  const none = () => invalid('请选择问题发生地所在的乡镇（街道）或村（社区）', 'invalid_place');
  if (!m) throw none();
  const id = Number(m[2]);
  for (const t of await portalTownships(h, county)) {
    if (m[1] === 't' && t.id === id) return { township: t, village: null };
    const v = m[1] === 'v' ? t.villages.find((x) => x.id === id) : undefined;
    if (v) return { township: t, village: v };
  }
  throw none();
}

function checkText(input: FeedbackInput): { description: string; name: string | null; phone: string } {
  const description = input.description.trim();
  if (!description) throw invalid('请描述反映的问题');
  if ([...description].length > MAX_DESCRIPTION)
    throw invalid(`问题描述不能超过 ${MAX_DESCRIPTION} 字（现有 ${[...description].length} 字）`);
  const name = (input.name ?? '').replace(/\s+/g, ' ').trim();
  if ([...name].length > MAX_CONTACT_NAME) throw invalid(`联系人姓名不能超过 ${MAX_CONTACT_NAME} 个字`);
  if (!input.phone.trim()) throw invalid('请填写联系电话，以便工作人员联系您', 'invalid_phone');
  return { description, name: name || null, phone: normalisePhone(input.phone) };
}

/** The case's record as staff see it in their ledger: the matter, where, and how it came in. */
function caseDraft(
  c: FeedbackCategory,
  requestId: number,
  village: Org | null,
  description: string,
  at: string,
) {
  const gist = description.replace(/\s+/g, ' ').slice(0, 60);
  const title = `${gist}${gist.length < description.length ? '…' : ''}（群众诉求第${requestId}号）`;
  const data =
    c.caseType === 'dispute'
      ? { disputeType: c.subtype, source: 'platform' }
      : { petitionType: c.subtype, form: 'online', petitioners: 1, forwarded: false };
  return { date: todayOf(at), title, data, ...(village ? { org: village.code } : {}) };
}

/**
 * Files a resident's feedback: checks it, the proof of work and the duplicate guard, then opens
 * the case through the case engine and stores the request, all in one audited transaction.
 * Returns the tracking code, shown this once.
 */
export async function submitFeedback(
  h: Db,
  input: FeedbackInput,
  ctx: { readonly ip: string; readonly now: Date },
): Promise<{ code: string; township: string; caseType: string }> {
  const county = await portalCounty(h, input.county);
  const category = (await countyCategories(h, county.id)).categories.find((c) => c.id === input.category);
  if (!category) throw invalid('请选择反映问题的类别', 'invalid_category');
  const type = findCaseType(category.caseType);
  if (!type) throw invalid('该类别未对应有效的案件类型，请联系县级部门', 'invalid_category');
  const { township, village } = await placeOf(h, county, input.place);
  const { description, name, phone } = checkText(input);
  const tctx = await townshipContext(h, township);
  const at = ctx.now.toISOString();
  const code = newTrackingCode();
  const hash = contentHash(['feedback', county.id, category.id, township.id, village?.id, description]);
  const content: FeedbackContent = {
    category: { id: category.id, label: category.label },
    caseType: category.caseType,
    subtype: category.subtype,
    village: village ? { id: village.id, name: village.name } : null,
    description,
    photos: 0,
  };
  const person: FeedbackPerson = { name, phone };
  await withAudit(h, publicActor(ctx.ip), at, async (trx) => {
    await acceptChallenge(h, trx, input.challenge, ctx.now);
    await refuseDuplicate(trx, hash, ctx.now);
    const requestId = await insertPublicRequest(trx, {
      kind: 'feedback',
      codeHash: codeHash(code),
      countyId: county.id,
      townshipId: township.id,
      recordId: null,
      person: JSON.stringify(person),
      content: JSON.stringify(content),
      contentHash: hash,
      createdAt: at,
    });
    const recordId = await insertCase(
      h,
      trx,
      tctx,
      type,
      caseDraft(category, requestId, village, description, at),
      { role: 'township_staff', actor: publicActor(ctx.ip).username, now: at, createdBy: null },
    );
    await setRequestRecord(trx, requestId, recordId);
    return {
      result: undefined,
      events: [
        {
          action: 'feedback.submit',
          targetType: 'case',
          targetId: recordId,
          after: {
            request: requestId,
            township: township.id,
            village: village?.id ?? null,
            category: category.id,
            caseType: category.caseType,
          },
        },
      ],
    };
  });
  return { code, township: township.name, caseType: FEEDBACK_CASE_TYPES[category.caseType].label };
}

/** Refuses a photo that is empty, over 5 MB or not a JPEG, PNG or WebP by its content. */
export async function checkPhoto(bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw invalid('照片为空', 'empty_file');
  if (bytes.length > MAX_PHOTO_BYTES)
    throw new UserError(`照片不能超过 ${MAX_PHOTO_BYTES / 1048576} MB`, 'too_large', 413);
  const t = await fileTypeFromBuffer(bytes);
  if (!t || !(t.mime in PHOTO_TYPES))
    throw new UserError(
      `只能上传 ${Object.values(PHOTO_TYPES).join('、')} 格式的照片`,
      'unsupported_type',
      415,
    );
  return t.mime;
}

/**
 * Adds a photo to the case a feedback opened, as its record's evidence: within an hour of the
 * submission and at most three. The file is removed again if its row is not stored.
 */
export async function addFeedbackPhoto(
  h: Db,
  store: FileStore,
  input: { readonly code: string; readonly name: string; readonly bytes: Uint8Array },
  ctx: { readonly ip: string; readonly now: Date },
): Promise<{ photos: number }> {
  const hash = codeHash(input.code);
  const found = await requestByCode(h.db, 'feedback', hash);
  if (!found || found.record_id === null) throw notFoundCode();
  if (ctx.now.getTime() - Date.parse(found.created_at) > PHOTO_WINDOW_MS)
    throw new UserError('照片须在提交诉求后一小时内上传', 'photo_window_closed', 409);
  const tooMany = () => new UserError(`每件诉求最多上传 ${MAX_PHOTOS} 张照片`, 'too_many_photos', 409);
  if ((JSON.parse(found.content) as FeedbackContent).photos >= MAX_PHOTOS) throw tooMany();
  const mime = await checkPhoto(input.bytes);
  const sha256 = await store.put(input.bytes);
  const recordId = found.record_id;
  try {
    return await withAudit(h, publicActor(ctx.ip), ctx.now.toISOString(), async (trx) => {
      if (h.dialect.rowLocks) await lockRequest(trx, found.id);
      const row = await requestByCode(trx, 'feedback', hash);
      const content = JSON.parse(row?.content ?? '{}') as FeedbackContent;
      if (!row || content.photos >= MAX_PHOTOS) throw tooMany();
      const e = await evidenceRepo.insertEvidence(trx, {
        record_id: recordId,
        township_id: row.township_id,
        county_id: row.county_id,
        sha256,
        file_name: safeFileName(input.name),
        mime,
        size: input.bytes.length,
        created_by: null,
        created_at: ctx.now.toISOString(),
      });
      const photos = content.photos + 1;
      await updateRequestContent(trx, row.id, JSON.stringify({ ...content, photos }));
      return {
        result: { photos },
        events: [
          {
            action: 'feedback.photo',
            targetType: 'evidence',
            targetId: e.id,
            after: { case: recordId, mime, size: input.bytes.length },
          },
        ],
      };
    });
  } catch (e) {
    if ((await evidenceRepo.countBySha(h.db, sha256)) === 0) await store.remove(sha256);
    throw e;
  }
}
