import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import {
  anonymiseCommentsBefore,
  anonymiseRequest,
  dueForAnonymising,
  recordForAnonymising,
  renameReplyFile,
  rewriteRecordPersonal,
} from '../../db/public.repo.ts';
import { withAudit, type AuditActor } from '../audit.ts';

/** How long the public's personal information is kept by default: three years from submission. */
export const DEFAULT_RETENTION_DAYS = 1095;

/** Written where personal information was. */
export const ANONYMISED = '（已匿名化）';

/** Fields of a case's ledger record that hold the requester's personal information, by record kind. */
const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  disclosure_request: ['applicant'],
  dispute: ['parties'],
  petition: [],
};

/** Keys of a request's content that say what was asked, not who asked: kept after anonymising. */
const KEPT_CONTENT = new Set([
  'category',
  'township',
  'townshipId',
  'villageId',
  'village',
  'caseType',
  'delivery',
]);

/** The scheduler's actor: the retention job acts as the system, on the record. */
export const RETENTION_ACTOR: AuditActor = {
  id: null,
  username: '系统：个人信息保存期限',
  role: 'system',
  ip: null,
};

/** One run's outcome: requests anonymised, case records rewritten, comments' names and contacts dropped. */
export interface AnonymiseResult {
  readonly requests: number;
  readonly records: number;
  readonly comments: number;
  /** Submissions before this time were due. */
  readonly before: string;
}

/** A batch at a time, so a first run over years of requests does not hold one long transaction. */
const BATCH = 200;

/**
 * 个人信息保护法 第19条: personal information is kept no longer than the purpose needs. Requests
 * filed on the portal more than `retentionDays` ago lose the requester's name, contact and free
 * text — in the request and in the case's ledger record (a feedback case's title is the resident's
 * own words, a reply document's name may carry the applicant's) — while what was asked, where,
 * when and how it ended stay for the indicators. Comments on major decisions lose the name and
 * contact left with them; the opinion itself stays with its adoption record. Each batch is one
 * audited transaction with the ids it anonymised; a run with nothing due writes nothing.
 */
export async function anonymiseExpired(
  h: Db,
  now: Date,
  retentionDays: number = DEFAULT_RETENTION_DAYS,
): Promise<AnonymiseResult> {
  if (!Number.isInteger(retentionDays) || retentionDays < 30)
    throw new UserError('个人信息保存期限应为不少于30的整数天数', 'invalid_retention');
  const at = now.toISOString();
  const before = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  let requests = 0;
  let records = 0;
  let comments = 0;
  for (;;) {
    const batch = await withAudit(h, RETENTION_ACTOR, at, async (trx) => {
      const due = await dueForAnonymising(trx, before, BATCH);
      const first = requests === 0;
      const droppedContacts = first ? await anonymiseCommentsBefore(trx, before) : 0;
      let rewritten = 0;
      for (const r of due) {
        const content = h.dialect.readJson(r.content);
        const kept = Object.fromEntries(Object.entries(content).filter(([k]) => KEPT_CONTENT.has(k)));
        await anonymiseRequest(trx, r.id, {
          person: '{}',
          content: JSON.stringify({ ...kept, anonymised: true }),
          ratingComment: r.rating_comment === null ? null : ANONYMISED,
          at,
        });
        if (r.kind === 'disclosure') await renameReplyFile(trx, r.id, '政府信息公开申请答复书');
        if (r.record_id === null) continue;
        const rec = await recordForAnonymising(trx, r.record_id);
        if (!rec) continue;
        const data = h.dialect.readJson(rec.data);
        for (const f of PERSONAL_FIELDS[rec.kind] ?? []) if (data[f]) data[f] = ANONYMISED;
        const title = r.kind === 'feedback' ? `群众诉求第${r.id}号${ANONYMISED}` : rec.title;
        await rewriteRecordPersonal(trx, rec.id, { title, data: JSON.stringify(data), at });
        rewritten++;
      }
      const events =
        due.length || droppedContacts
          ? [
              {
                action: 'public.anonymise',
                targetType: 'public_request',
                after: {
                  requests: due.map((r) => r.id),
                  records: rewritten,
                  comments: droppedContacts,
                  before,
                },
              },
            ]
          : [];
      return { result: { n: due.length, rewritten, droppedContacts }, events };
    });
    requests += batch.n;
    records += batch.rewritten;
    comments += batch.droppedContacts;
    if (batch.n < BATCH) break;
  }
  return { requests, records, comments, before };
}
