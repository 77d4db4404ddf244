/**
 * The limit for the indicator benchmark: the same county-year figures written by hand as one SQL
 * statement per dialect, run on the raw driver. Column names are indicator keys with `_` for `.`,
 * and rates come as numerator/denominator pairs. The first parameter is the county (or township,
 * by `column`); with no column, every record of the database (pass null).
 */
export function handwrittenSql(
  d: 'sqlite' | 'postgres',
  column: 'county_id' | 'township_id' | null = 'county_id',
): string {
  const J = (k: string) => (d === 'sqlite' ? `json_extract(data,'$.${k}')` : `(data->>'${k}')`);
  const N = (k: string) => (d === 'sqlite' ? `json_extract(data,'$.${k}')` : `(data->>'${k}')::numeric`);
  const T = (k: string) =>
    d === 'sqlite' ? `json_extract(data,'$.${k}') = 1` : `(data->'${k}') = 'true'::jsonb`;
  const p = (i: number) => (d === 'sqlite' ? ['', '@county', '@from', '@to'][i] : `$${i}`);
  const pd = (i: number) => (d === 'sqlite' ? p(i) : `${p(i)}::date`);
  return `
select
  count(case when kind='leadership_meeting' then 1 end) as leadership_meetings,
  count(case when kind='leadership_meeting' and ${T('heardReport')} then 1 end) as leadership_reports_heard,
  count(case when kind='study_session' and ${J('sessionType')}='center_group' then 1 end) as study_center_group,
  count(case when kind='study_session' and ${J('sessionType')} in ('meeting_study','collective','training','lecture','video') then 1 end) as study_sessions,
  coalesce(sum(case when kind='study_session' then ${N('attendees')} end),0) as study_trainees,
  count(case when kind='exam' then 1 end) as study_exam_sessions,
  count(distinct case when kind='exam_score' then ${J('person')} end) as study_exam_takers,
  count(case when kind='exam_score' then 1 end) as exam_taken,
  coalesce(sum(case when kind='exam' then ${N('required')} end),0) as exam_required,
  count(case when kind='exam_score' and ${J('grade')} in ('excellent','pass') then 1 end) as exam_passed,
  count(case when kind='exam_score' and ${J('grade')}='excellent' then 1 end) as exam_excellent,
  count(case when kind='publicity_event' then 1 end) as publicity_events,
  coalesce(sum(case when kind='publicity_event' then ${N('materials')} end),0) as publicity_materials,
  coalesce(sum(case when kind='publicity_event' then ${N('consultations')} end),0) as publicity_consultations,
  coalesce(sum(case when kind='publicity_event' then ${N('audience')} end),0) as publicity_audience,
  coalesce(sum(case when kind='publicity_event' then ${N('banners')} end),0) as publicity_banners,
  count(case when kind='model_household' then 1 end) as publicity_model_households,
  count(case when kind='legal_literate' then 1 end) as publicity_legal_literates,
  count(case when kind='dispute' then 1 end) as disputes_found,
  count(case when kind='dispute' and ${J('status')}='resolved' then 1 end) as disputes_resolved,
  count(case when kind='dispute' and (${J('status')} in ('resolved','failed') or ${J('dueDate')} <= ${p(3)}${d === 'postgres' ? '::text' : ''}) then 1 end) as disputes_closed_or_due,
  count(case when kind='dispute' and ${J('satisfaction')} in ('satisfied','basically') then 1 end) as disputes_satisfied,
  count(case when kind='dispute' and ${J('satisfaction')} in ('satisfied','basically','dissatisfied') then 1 end) as disputes_surveyed,
  count(case when kind='dispute' and ${T('preLitigation')} then 1 end) as disputes_pre_litigation,
  count(case when kind='grid' then 1 end) as grid_grids,
  count(case when kind='grid_member' then 1 end) as grid_members,
  count(case when kind='petition' then 1 end) as petitions_cases,
  coalesce(sum(case when kind='petition_reception' then ${N('visitors')} end),0) as petitions_visits_received,
  count(case when kind='petition' and ${T('resolved')} then 1 end) as petitions_resolved,
  count(case when kind='petition' and ${J('status')}='closed' and ${J('closedDate')} <= ${J('dueDate')} then 1 end) as petitions_on_time,
  count(case when kind='petition' and ${J('status')}='closed' then 1 end) as petitions_closed,
  count(case when kind='enforcement_certificate' and ${J('certType')}='enforcement' then 1 end) as enforcement_certified_officers,
  count(case when kind='inspection' then 1 end) as enforcement_inspections,
  coalesce(sum(case when kind='inspection' then ${N('problemsFound')} end),0) as enforcement_problems_found,
  coalesce(sum(case when kind='inspection' then ${N('problemsRectified')} end),0) as enforcement_problems_rectified,
  count(case when kind='penalty' and ${J('status')} in ('decided','closed') then 1 end) as enforcement_penalties,
  count(case when kind='legal_review' then 1 end) as legal_reviews,
  count(case when kind='legal_review' and ${J('reviewType')}='contract' then 1 end) as legal_contracts_reviewed,
  count(case when kind='legal_opinion' then 1 end) as legal_opinions,
  coalesce(sum(case when kind='adviser_consultation' then ${N('people')} end),0) as legal_consultations,
  count(case when kind='major_decision' and ${J('status')} in ('decided','published') then 1 end) as decisions_major,
  count(case when kind='lawsuit' then 1 end) as litigation_cases,
  count(case when kind='lawsuit_hearing' and ${J('leaderRank')} in ('principal','deputy','in_charge') then 1 end) as hearings_with_leader,
  count(case when kind='lawsuit_hearing' then 1 end) as hearings,
  count(case when kind='disclosure_item' then 1 end) as disclosure_items,
  count(case when kind='disclosure_request' then 1 end) as disclosure_requests,
  count(case when kind='safety_meeting' then 1 end) as safety_meetings,
  count(case when kind='safety_drill' then 1 end) as safety_drills,
  count(case when kind='power' then 1 end) as powers_total,
  count(case when kind='power' and ${J('category')}='penalty' then 1 end) as powers_penalty,
  count(case when kind='power' and ${J('category')}='licensing' then 1 end) as powers_licensing,
  count(case when kind='power' and ${J('category')}='enforcement_measures' then 1 end) as powers_enforcement_measures,
  count(case when kind='power' and ${J('category')}='inspection' then 1 end) as powers_inspection,
  count(case when kind='power' and ${J('category')}='confirmation' then 1 end) as powers_confirmation,
  count(case when kind='power' and ${J('category')}='payment' then 1 end) as powers_payment,
  count(case when kind='power' and ${J('category')}='reward' then 1 end) as powers_reward,
  count(case when kind='power' and ${J('category')}='adjudication' then 1 end) as powers_adjudication,
  count(case when kind='power' and ${J('category')}='other' then 1 end) as powers_other,
  count(case when kind='power' and ${J('source')}='delegated' then 1 end) as powers_delegated
from records
where ${column ? `${column} = ${p(1)}` : `${p(1)}${d === 'postgres' ? '::integer' : ''} is null`}
  and ((kind not in ('model_household','legal_literate','grid','grid_member','enforcement_certificate','power') and date >= ${pd(2)} and date <= ${pd(3)})
    or (kind in ('model_household','legal_literate','grid','grid_member','enforcement_certificate','power') and date <= ${pd(3)} and (end_date is null or end_date > ${pd(3)})))`;
}

/** Indicator values from the hand-written result row, for checking both give the same numbers. */
export function handwrittenValues(row: Record<string, unknown>): Map<string, number | null> {
  const n = (k: string) => Number(row[k] ?? 0);
  const pct = (a: string, b: string) => (n(b) === 0 ? null : Math.round((n(a) / n(b)) * 1000) / 10);
  const out = new Map<string, number | null>();
  for (const k of Object.keys(row)) out.set(k.replace('_', '.'), n(k));
  out.set('study.exam_participation_rate', pct('exam_taken', 'exam_required'));
  out.set('study.exam_pass_rate', pct('exam_passed', 'exam_taken'));
  out.set('study.exam_excellent_rate', pct('exam_excellent', 'exam_taken'));
  out.set('disputes.resolution_rate', pct('disputes_resolved', 'disputes_closed_or_due'));
  out.set('disputes.satisfaction_rate', pct('disputes_satisfied', 'disputes_surveyed'));
  out.set('petitions.on_time_rate', pct('petitions_on_time', 'petitions_closed'));
  out.set('litigation.leader_appearance_rate', pct('hearings_with_leader', 'hearings'));
  return out;
}
