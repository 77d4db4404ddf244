/**
 * The public's side of 公众参与, without an account: the county's consultations (open ones first),
 * one consultation with its draft and — once published — the 意见采纳情况, and leaving a comment
 * while the window is open (proof of work, a 12-hour guard against the same text twice). The
 * audit entry of a comment names the consultation and the comment's id only.
 */
import { todayOf } from '../../core/dates.ts';
import { UserError, notFound } from '../../core/errors.ts';
import { ALL } from '../../core/scope.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/consultations.repo.ts';
import { withAudit } from '../audit.ts';
import type { Org } from '../orgs.ts';
import { acceptChallenge } from './challenge.ts';
import {
  CONSULTATION_LIMITS as L,
  dayText,
  optionalText,
  publishedOpinions,
  requiredText,
  toConsultationView,
  type ConsultationInfo,
  type PublishedOpinion,
} from './consultations.ts';
import { DUPLICATE_WINDOW_MS, contentHash, publicActor } from './guard.ts';

/** A consultation as the portal shows it; the opinions only once the summary is published. */
export interface PortalConsultation extends ConsultationInfo {
  readonly opinions: readonly PublishedOpinion[];
}

/** What the public may see of a consultation: nothing of the case, the counts or the comments. */
function publicInfo(v: ConsultationInfo): ConsultationInfo {
  const { id, caseId, townshipId, township, title, explanation, draft, opensOn, closesOn } = v;
  const { shortReason, open, daysLeft, abandoned, summary } = v;
  return {
    ...{ id, caseId, townshipId, township, title, explanation, draft, opensOn, closesOn },
    ...{ shortReason, open, daysLeft, abandoned, summary },
  };
}

/** The county's consultations: open ones first (closing soonest first), then closed ones (latest first). */
export async function portalConsultations(h: Db, county: Org, now: Date): Promise<ConsultationInfo[]> {
  const today = todayOf(now.toISOString());
  const all = (await repo.listConsultations(h.db, { countyId: county.id })).map((r) =>
    publicInfo(toConsultationView(r, today)),
  );
  const open = all.filter((c) => c.open).sort((a, b) => a.closesOn.localeCompare(b.closesOn) || a.id - b.id);
  return [...open, ...all.filter((c) => !c.open)];
}

const noSuchConsultation = () => notFound('没有找到这项征求意见，请从意见征集列表进入');

/** One consultation of the county, with the published opinions once the summary is out. */
export async function portalConsultation(
  h: Db,
  county: Org,
  id: number,
  now: Date,
): Promise<PortalConsultation> {
  const row = await repo.getConsultation(h.db, { countyId: county.id }, id);
  if (!row) throw noSuchConsultation();
  const info = publicInfo(toConsultationView(row, todayOf(now.toISOString())));
  const opinions = info.summary ? publishedOpinions(await repo.listComments(h.db, id)) : [];
  return { ...info, opinions };
}

export interface CommentInput {
  readonly consultationId: number;
  /** 意见. */
  readonly body: string;
  readonly name?: string | null;
  readonly contact?: string | null;
  readonly challenge: { readonly token: string; readonly nonce: string };
}

/**
 * Leaves a comment on an open consultation: validated, refused once the window has closed (409),
 * after a solved challenge, and not twice with the same text within 12 hours.
 */
export async function submitComment(
  h: Db,
  input: CommentInput,
  ip: string,
  now: Date,
): Promise<{ message: string }> {
  const body = requiredText('意见', input.body, L.comment);
  const name = optionalText('姓名', input.name, L.name);
  const contact = optionalText('联系方式', input.contact, L.contact);
  const at = now.toISOString();
  const today = todayOf(at);
  return withAudit(h, publicActor(ip), at, async (trx) => {
    const c = await repo.getConsultation(trx, { scope: ALL }, input.consultationId);
    if (!c) throw noSuchConsultation();
    if (c.case_state === 'abandoned') throw new UserError('该决策事项已终止，不再征求意见', 'closed', 409);
    if (today > c.closes_on)
      throw new UserError(`征求意见已于${dayText(c.closes_on)}结束，不再接受意见`, 'closed', 409);
    await acceptChallenge(h, trx, input.challenge, now);
    const hash = contentHash([body]);
    const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString();
    if (await repo.commentedSince(trx, c.id, hash, since))
      throw new UserError('12小时内已提交过内容相同的意见，请勿重复提交', 'duplicate', 409);
    const commentId = await repo.insertComment(trx, {
      consultationId: c.id,
      body,
      name,
      contact,
      contentHash: hash,
      createdAt: at,
    });
    return {
      result: {
        message: `您的意见已提交，感谢参与。征求意见截止（${dayText(c.closes_on)}）后，将在本页公布意见采纳情况。`,
      },
      events: [
        {
          action: 'consultation.comment',
          targetType: 'consultation',
          targetId: c.id,
          after: { commentId, townshipId: c.township_id },
        },
      ],
    };
  });
}
