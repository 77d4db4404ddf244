/**
 * The staff's side of a disclosure request filed on the portal: the applicant's information and
 * request, read only within the case's scope (个人信息保护法: a sensitive read, audited), and the
 * reply document (答复文书) the applicant downloads once the case is 已答复.
 */
import { fileTypeFromBuffer } from 'file-type';
import { disclosureRequest } from '../../catalogue/cases/disclosure.ts';
import { UserError, notFound } from '../../core/errors.ts';
import { scanZip } from '../../core/zip.ts';
import * as cases from '../../db/cases.repo.ts';
import type { Db } from '../../db/connect.ts';
import { putReply, repliesWithSha, replyOf } from '../../db/disclosure.repo.ts';
import { countBySha } from '../../db/evidence.repo.ts';
import { requestOfRecord } from '../../db/public.repo.ts';
import type { PublicReplyRow, PublicRequestRow } from '../../db/schema.ts';
import { forbidden, isSystem, kindAllowed, requireAction, scopeOf, type Principal } from '../access.ts';
import { auditRead, withAudit, type AuditActor } from '../audit.ts';
import { safeFileName } from '../evidence.ts';
import { FileStore } from '../file-store.ts';
import { requireOrg } from '../orgs.ts';
import type { DisclosureContent } from './disclosure.ts';
import { DELIVERY_WAYS, ID_TYPES, MEDIA, APPLICANT_TYPES, type Applicant } from './disclosure-form.ts';

/** Largest reply document accepted (a scanned multi-page PDF). */
export const MAX_REPLY_BYTES = 20 * 1024 * 1024;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const OFD = 'application/ofd';

/** Accepted reply documents, decided from the content, with the extension a download carries. */
export const REPLY_TYPES: Readonly<Record<string, { label: string; ext: string }>> = {
  'application/pdf': { label: 'PDF', ext: '.pdf' },
  [DOCX]: { label: 'Word（.docx）', ext: '.docx' },
  [OFD]: { label: 'OFD 版式文件', ext: '.ofd' },
  'image/jpeg': { label: 'JPG 图片', ext: '.jpg' },
};

/** A reply document as staff see it. */
export interface ReplyDocument {
  readonly fileName: string;
  readonly mime: string;
  readonly size: number;
  readonly uploadedAt: string;
}

/** What the panel 网上申请 shows: the applicant, the request as filed and corrected, the reply document. */
export interface StaffDisclosureRequest {
  readonly id: number;
  readonly filedAt: string;
  readonly township: string;
  readonly anonymised: boolean;
  readonly applicant: Partial<Applicant> & { readonly typeLabel?: string; readonly idTypeLabel?: string };
  readonly request: {
    readonly description: string;
    readonly delivery: string;
    readonly deliveryLabel: string;
    readonly medium: string;
    readonly mediumLabel: string;
    readonly corrections: DisclosureContent['corrections'];
  };
  readonly reply: ReplyDocument | null;
}

const label = (table: Readonly<Record<string, string>>, key: unknown): string =>
  typeof key === 'string' && Object.hasOwn(table, key) ? table[key]! : '';

const toReply = (r: PublicReplyRow): ReplyDocument => ({
  fileName: r.file_name,
  mime: r.mime,
  size: r.size,
  uploadedAt: r.uploaded_at,
});

/**
 * A disclosure case the principal may see, with the portal request behind it (or null). Roles
 * that never read disclosure cases are refused outright; a case outside the scope is not found.
 */
async function visibleDisclosure(
  h: Db,
  p: Principal,
  caseId: number,
): Promise<{ c: cases.CaseListRow; row: PublicRequestRow | undefined }> {
  requireAction(p, 'cases.read');
  if (!kindAllowed(p.role, 'read', disclosureRequest.kind)) throw forbidden('当前角色无权查看依申请公开案件');
  const c = await cases.getCase(h.db, scopeOf(p), caseId);
  if (!c || c.type !== disclosureRequest.kind) throw notFound(`依申请公开案件 ${caseId} 不存在或无权查看`);
  return { c, row: await requestOfRecord(h.db, caseId) };
}

/**
 * The applicant's information and request of a case filed on the portal, or null for a case
 * entered by staff. Reading it is audited (ids only: the entry holds no personal information).
 */
export async function staffDisclosureRequest(
  h: Db,
  p: Principal,
  actor: AuditActor,
  caseId: number,
  at: string,
): Promise<StaffDisclosureRequest | null> {
  const { row } = await visibleDisclosure(h, p, caseId);
  if (!row) return null;
  const person = h.dialect.readJson(row.person) as Partial<Applicant>;
  const content = h.dialect.readJson(row.content) as Partial<DisclosureContent>;
  const reply = await replyOf(h.db, row.id);
  await auditRead(h, actor, at, {
    action: 'public.disclosure_read',
    targetType: 'case',
    targetId: caseId,
    after: { request: row.id },
  });
  return {
    id: row.id,
    filedAt: row.created_at,
    township: (await requireOrg(h, row.township_id)).name,
    anonymised: row.anonymised_at !== null,
    applicant: {
      ...person,
      typeLabel: label(APPLICANT_TYPES, person.type),
      ...(person.type === 'citizen' ? { idTypeLabel: label(ID_TYPES, person.idType) } : {}),
    },
    request: {
      description: content.description ?? '',
      delivery: content.delivery ?? '',
      deliveryLabel: label(DELIVERY_WAYS, content.delivery),
      medium: content.medium ?? '',
      mediumLabel: label(MEDIA, content.medium),
      corrections: content.corrections ?? [],
    },
    reply: reply ? toReply(reply) : null,
  };
}

/** The type of a reply document from its bytes: PDF, .docx, OFD (GB/T 33190: a zip with OFD.xml) or JPG. */
export async function replyType(bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw new UserError('答复文书为空文件', 'empty_file');
  if (bytes.length > MAX_REPLY_BYTES)
    throw new UserError(
      `答复文书 ${(bytes.length / 1048576).toFixed(1)} MB，超过上限 20 MB`,
      'too_large',
      413,
    );
  const t = await fileTypeFromBuffer(bytes);
  if (t && t.mime in REPLY_TYPES) return t.mime;
  if (t?.mime === 'application/zip') {
    const limits = { maxEntries: 5000, maxTotalBytes: MAX_REPLY_BYTES, maxRatio: 1000 };
    const names = (() => {
      try {
        return scanZip(bytes, { limits, label: '答复文书', want: () => false }).names;
      } catch {
        return [];
      }
    })();
    if (names.includes('OFD.xml')) return OFD;
  }
  throw new UserError(
    `不支持的答复文书类型${t ? `（${t.mime}）` : ''}：只接受 ${Object.values(REPLY_TYPES)
      .map((r) => r.label)
      .join('、')}`,
    'unsupported_type',
    415,
  );
}

/** The name a reply document is offered under: safe, and ending in its type's extension. */
function replyName(name: string, mime: string): string {
  const ext = REPLY_TYPES[mime]?.ext ?? '';
  const base = safeFileName(name.trim() || '答复文书');
  return base.toLowerCase().endsWith(ext) || (ext === '.jpg' && /\.jpe?g$/i.test(base))
    ? base
    : `${base}${ext}`;
}

/**
 * Uploads the reply document of a portal request. Taken by the roles that take the case's 答复
 * step; replaceable until the case is 已答复, and after it only if none was uploaded (the document
 * delivered does not change afterwards).
 */
export async function uploadDisclosureReply(
  h: Db,
  store: FileStore,
  p: Principal,
  actor: AuditActor,
  caseId: number,
  file: { readonly name: string; readonly bytes: Uint8Array },
  at: string,
): Promise<ReplyDocument> {
  requireAction(p, 'cases.act');
  const { c, row } = await visibleDisclosure(h, p, caseId);
  const replyStep = disclosureRequest.transitions.find((t) => t.id === 'reply');
  if (!isSystem(p) && !replyStep?.roles.some((r) => r === p.role))
    throw forbidden('上传答复文书须由承办答复的乡镇工作人员或乡镇领导办理');
  if (!row) throw notFound(`案件 ${caseId} 不是网上提交的申请，无须上传网上答复文书`);
  const before = await replyOf(h.db, row.id);
  if (c.state === 'replied' && before)
    throw new UserError('该申请已答复，已送达的答复文书不能替换', 'already_replied', 409);
  const mime = await replyType(file.bytes);
  const sha256 = await store.put(file.bytes);
  const reply: PublicReplyRow = {
    request_id: row.id,
    sha256,
    file_name: replyName(file.name, mime),
    mime,
    size: file.bytes.length,
    uploaded_by: p.id,
    uploaded_at: at,
  };
  try {
    await withAudit(h, actor, at, async (trx) => {
      await putReply(trx, reply);
      return {
        result: undefined,
        events: [
          {
            action: 'public.disclosure_reply',
            targetType: 'case',
            targetId: caseId,
            before: before ? { sha256: before.sha256, size: before.size } : null,
            after: { request: row.id, sha256, mime, size: reply.size },
          },
        ],
      };
    });
  } catch (e) {
    await dropUnused(h, store, sha256);
    throw e;
  }
  if (before && before.sha256 !== sha256) await dropUnused(h, store, before.sha256);
  return toReply(reply);
}

/** Removes a stored file no reply document and no evidence points at any more. */
async function dropUnused(h: Db, store: FileStore, sha256: string): Promise<void> {
  if ((await repliesWithSha(h.db, sha256)) === 0 && (await countBySha(h.db, sha256)) === 0)
    await store.remove(sha256);
}

/** The uploaded reply document, for the staff who may see the case; the download is audited. */
export async function staffReplyFile(
  h: Db,
  store: FileStore,
  p: Principal,
  actor: AuditActor,
  caseId: number,
  at: string,
): Promise<{ reply: ReplyDocument; bytes: Buffer }> {
  const { row } = await visibleDisclosure(h, p, caseId);
  const r = row ? await replyOf(h.db, row.id) : undefined;
  if (!row || !r) throw notFound(`案件 ${caseId} 尚未上传答复文书`);
  const bytes = await store.get(r.sha256);
  if (FileStore.sha256(bytes) !== r.sha256)
    throw new UserError('答复文书的文件内容与登记的摘要不符，可能已被改动', 'corrupt', 500);
  await auditRead(h, actor, at, {
    action: 'public.disclosure_reply_download',
    targetType: 'case',
    targetId: caseId,
    after: { request: row.id, sha256: r.sha256, size: r.size },
  });
  return { reply: toReply(r), bytes };
}
