import type { Db } from '../../db/connect.ts';
import { insertItem } from '../../db/study-plans.repo.ts';
import type { Org } from '../orgs.ts';

/**
 * Each demo township's 学法计划 for the ledger's years, drawn from its own study records so most
 * items are fulfilled: every 中心组学法 session and two other sessions, linked; a third session
 * planned but not yet linked (its record is offered by 关联记录); two items left open (overdue
 * once the year has passed their month). Deterministic: no randomness of its own.
 */

const AUDIENCE: Readonly<Record<string, string>> = {
  center_group: 'leaders',
  meeting_study: 'leaders',
  collective: 'cadres',
  training: 'village',
  lecture: 'cadres',
  video: 'cadres',
};

const OPEN_ITEMS = [
  {
    session_type: 'collective',
    topic: '集中学习《中华人民共和国行政复议法》',
    laws: '《中华人民共和国行政复议法》',
    month: 6,
    audience: 'cadres',
  },
  {
    session_type: 'training',
    topic: '执法人员行政执法程序专题培训',
    laws: '《中华人民共和国行政处罚法》',
    month: 11,
    audience: 'enforcement',
  },
] as const;

/** 党委理论学习中心组专题学习《宪法》 → 专题学习《宪法》: the plan names the topic, the form is its own column. */
const topicOf = (title: string): string => title.replace(/^.*?中心组/, '').slice(0, 200);

export async function demoStudyPlans(
  h: Db,
  townships: readonly Org[],
  years: readonly number[],
  now: string,
): Promise<void> {
  for (const town of townships)
    for (const year of years) {
      const rows = await h.db
        .selectFrom('records')
        .select(['id', 'date', 'title', 'data'])
        .where('township_id', '=', town.id)
        .where('kind', '=', 'study_session')
        .where('date', '>=', `${year}-01-01`)
        .where('date', '<=', `${year}-12-31`)
        .orderBy('date')
        .orderBy('id')
        .execute();
      if (rows.length === 0) continue;
      const recs = rows.map((r) => {
        const data = h.dialect.readJson(r.data);
        return {
          id: Number(r.id),
          month: Number(r.date.slice(5, 7)),
          title: r.title,
          type: typeof data.sessionType === 'string' ? data.sessionType : '',
          laws: typeof data.laws === 'string' ? data.laws : null,
        };
      });
      const center = recs.filter((r) => r.type === 'center_group');
      const others = recs.filter((r) => r.type !== 'center_group' && r.type !== 'video');
      const picked = [0, 1, 2]
        .map((k) => others[Math.floor(((k + 0.5) * others.length) / 3)])
        .filter((r) => r !== undefined);
      await h.db.transaction().execute(async (trx) => {
        const plannedOthers = [...new Set(picked)];
        for (const r of [...center, ...plannedOthers])
          await insertItem(trx, {
            org_id: town.id,
            year,
            session_type: r.type,
            topic: r.type === 'center_group' ? topicOf(r.title) : r.title.slice(0, 200),
            laws: r.laws,
            month: r.month,
            audience: AUDIENCE[r.type] ?? 'cadres',
            // The last of the other sessions is left for the township to link (关联记录 offers it).
            record_id: r === plannedOthers[2] ? null : r.id,
            created_by: null,
            created_at: now,
          });
        for (const o of OPEN_ITEMS)
          await insertItem(trx, {
            ...o,
            org_id: town.id,
            year,
            record_id: null,
            created_by: null,
            created_at: now,
          });
      });
    }
}
