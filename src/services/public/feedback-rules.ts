import { randomBytes } from 'node:crypto';
import {
  DEFAULT_FEEDBACK_CATEGORIES,
  FEEDBACK_CASE_TYPES,
  MAX_CATEGORY_LABEL,
  MAX_FEEDBACK_CATEGORIES,
  feedbackSubtypes,
  type FeedbackCaseType,
  type FeedbackCategory,
} from '../../catalogue/feedback.ts';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import { rulesOfCounty, saveRules } from '../../db/feedback.repo.ts';
import { requireAction, type Principal } from '../access.ts';
import { withAudit, type AuditActor } from '../audit.ts';
import { countyOf, requireOrg, type Org } from '../orgs.ts';

/** A county's categories: its own once set, else the catalogue's defaults. */
export interface CountyCategories {
  readonly categories: readonly FeedbackCategory[];
  /** False while the county uses the defaults. */
  readonly configured: boolean;
  readonly updatedAt: string | null;
}

export async function countyCategories(h: Db, countyId: number): Promise<CountyCategories> {
  const row = await rulesOfCounty(h.db, countyId);
  if (!row) return { categories: DEFAULT_FEEDBACK_CATEGORIES, configured: false, updatedAt: null };
  return {
    categories: JSON.parse(row.categories) as FeedbackCategory[],
    configured: true,
    updatedAt: row.updated_at,
  };
}

/** The rules page's answer: the county, its categories and what each may map to. */
export interface FeedbackRules extends CountyCategories {
  readonly county: { readonly id: number; readonly name: string };
  /** What a county starts from (and may go back to). */
  readonly defaults: readonly FeedbackCategory[];
  readonly caseTypes: readonly {
    readonly value: FeedbackCaseType;
    readonly label: string;
    readonly subtypes: readonly { value: string; label: string }[];
  }[];
}

/** The county whose rules a principal sets: its own (the console names one). */
async function countyFor(h: Db, p: Principal, countyId?: number): Promise<Org> {
  const id = p.orgId ?? countyId;
  if (id === undefined) throw new UserError('请指定县（区）', 'county_required');
  const org = await requireOrg(h, id);
  if (org.kind === 'county') return org;
  if (org.kind === 'township') return countyOf(h, org);
  throw new UserError(`“${org.name}”不是县（区）`, 'not_county');
}

export async function feedbackRules(h: Db, p: Principal, countyId?: number): Promise<FeedbackRules> {
  requireAction(p, 'feedback.rules');
  const county = await countyFor(h, p, countyId);
  return {
    county: { id: county.id, name: county.name },
    ...(await countyCategories(h, county.id)),
    defaults: DEFAULT_FEEDBACK_CATEGORIES,
    caseTypes: (Object.keys(FEEDBACK_CASE_TYPES) as FeedbackCaseType[]).map((t) => ({
      value: t,
      label: FEEDBACK_CASE_TYPES[t].label,
      subtypes: feedbackSubtypes(t),
    })),
  };
}

/** A category as entered on the rules page; a new one has no id yet. */
export interface CategoryInput {
  readonly id?: string | null;
  readonly label: string;
  readonly caseType: string;
  readonly subtype: string;
}

const bad = (message: string): UserError => new UserError(message, 'invalid_rules', 400);

/** Checks the entered list and gives new categories their ids. */
export function checkCategories(input: readonly CategoryInput[]): FeedbackCategory[] {
  if (input.length === 0) throw bad('至少要有一个群众诉求分类');
  if (input.length > MAX_FEEDBACK_CATEGORIES) throw bad(`群众诉求分类不能超过 ${MAX_FEEDBACK_CATEGORIES} 个`);
  const labels = new Set<string>();
  const ids = new Set<string>();
  return input.map((c, i) => {
    const n = `第 ${i + 1} 个分类`;
    const label = c.label.replace(/\s+/g, ' ').trim();
    if (!label) throw bad(`${n}：名称不能为空`);
    if ([...label].length > MAX_CATEGORY_LABEL) throw bad(`${n}：名称不能超过 ${MAX_CATEGORY_LABEL} 个字`);
    if (labels.has(label)) throw bad(`${n}：名称“${label}”重复`);
    labels.add(label);
    if (!(c.caseType in FEEDBACK_CASE_TYPES)) throw bad(`${n}：案件类型应为矛盾纠纷调处或信访事项办理`);
    const caseType = c.caseType as FeedbackCaseType;
    const subtypes = feedbackSubtypes(caseType);
    if (!subtypes.some((s) => s.value === c.subtype))
      throw bad(
        `${n}（${label}）：${FEEDBACK_CASE_TYPES[caseType].label}的类型应为${subtypes.map((s) => s.label).join('、')}之一`,
      );
    const id = c.id ?? `c${randomBytes(4).toString('hex')}`;
    if (!/^[a-z0-9_-]{1,40}$/i.test(id) || ids.has(id)) throw bad(`${n}：分类标识无效或重复`);
    ids.add(id);
    return { id, label, caseType, subtype: c.subtype };
  });
}

/** Replaces a county's categories (county officers; audited with the list before and after). */
export async function saveFeedbackRules(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: { categories: readonly CategoryInput[]; countyId?: number },
  at: string,
): Promise<FeedbackRules> {
  requireAction(p, 'feedback.rules');
  const county = await countyFor(h, p, input.countyId);
  const categories = checkCategories(input.categories);
  const before = await countyCategories(h, county.id);
  await withAudit(h, actor, at, async (trx) => {
    await saveRules(trx, {
      county_id: county.id,
      categories: JSON.stringify(categories),
      updated_at: at,
      updated_by: p.id,
    });
    return {
      result: undefined,
      events: [
        {
          action: 'feedback.rules',
          targetType: 'org',
          targetId: county.id,
          before: { configured: before.configured, categories: before.categories },
          after: { categories },
        },
      ],
    };
  });
  return feedbackRules(h, p, county.id);
}
