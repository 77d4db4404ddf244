import { kinds, type KindId } from '../../catalogue/kinds.ts';
import type { OrgDraft } from '../records.ts';
import {
  DEPARTMENTS,
  type Cast,
  type DepartmentKey,
  type GenContext,
  type Generator,
  type PlacePlan,
  type TownPlan,
} from './context.ts';
import { disclosure } from './disclosure.ts';
import { certificates, inspections } from './enforcement.ts';
import { disputes, gridRegistries } from './governance.ts';
import { leadership, principalLeaders } from './leadership.ts';
import { advisers, decisions, reviews } from './legal.ts';
import { litigation, reviewResponses } from './litigation.ts';
import { COUNTY, LAW_FIRMS, PlaceNames, STREETS, TOWNS, XIANG, distinctNames } from './names.ts';
import { petitions } from './petitions.ts';
import { powerList } from './powers.ts';
import { commitments } from './planning.ts';
import { publicityEvents, publicityRegistries } from './publicity.ts';
import { Rng } from './random.ts';
import { safety } from './safety.ts';
import { study } from './study.ts';

export interface DemoPlanOptions {
  /** The report year: ledgers cover `year − 1` and `year`. */
  readonly year: number;
  readonly townships: number;
  readonly seed: number;
  /** `now` as YYYY-MM-DD. */
  readonly today: string;
}

export interface CountyPlan {
  readonly name: string;
  readonly code: string;
  readonly townships: readonly TownPlan[];
}

/** Event kinds, generated for each of the two ledger years. */
const YEARLY: readonly Generator[] = [
  leadership,
  study,
  publicityEvents,
  disputes,
  petitions,
  inspections,
  decisions,
  reviews,
  advisers,
  litigation,
  disclosure,
  safety,
  commitments,
  // Last, so adding it left every earlier generator's random stream as it was.
  reviewResponses,
  powerList,
];
/** Registry kinds, generated once: their records start in earlier years and some end within the two. */
const REGISTRIES: readonly Generator[] = [
  publicityRegistries,
  gridRegistries,
  certificates,
  principalLeaders,
];

function departments(name: string, code: string): Record<DepartmentKey, PlacePlan> {
  const keys = Object.keys(DEPARTMENTS) as DepartmentKey[];
  return Object.fromEntries(
    keys.map((k, i) => [
      k,
      { name: `${name}${DEPARTMENTS[k]}`, code: `${code}9${String(i + 1).padStart(2, '0')}` },
    ]),
  ) as Record<DepartmentKey, PlacePlan>;
}

function cast(rng: Rng): Cast {
  const [secretary, head, deputy, justiceChief, governanceChief, staff, a1, a2, gridMember] = distinctNames(
    rng,
    9,
  ) as [string, string, string, string, string, string, string, string, string];
  const firms = rng.sample(LAW_FIRMS, 2);
  const advisers = [
    { name: a1, firm: firms[0]! },
    ...(rng.chance(0.6) ? [{ name: a2, firm: firms[1]! }] : []),
  ];
  return { secretary, head, deputy, justiceChief, governanceChief, staff, advisers, gridMember };
}

/** The county and its townships: names, codes, villages, people, strengths. Pure and deterministic. */
export function planCounty(o: DemoPlanOptions): CountyPlan {
  const rng = new Rng(o.seed).fork('county');
  const n = o.townships;
  const streets = Math.min(STREETS.length, Math.floor(n / 5));
  const xiang = Math.min(XIANG.length, Math.round(n * 0.3));
  const towns = n - streets - xiang;
  const names = [
    ...rng
      .sample(STREETS, streets)
      .map((name, i) => ({ name, type: 'street' as const, code: String(1 + i).padStart(3, '0') })),
    ...rng
      .sample(TOWNS, towns)
      .map((name, i) => ({ name, type: 'town' as const, code: String(100 + i + 1) })),
    ...rng
      .sample(XIANG, xiang)
      .map((name, i) => ({ name, type: 'xiang' as const, code: String(200 + i + 1) })),
  ];
  // Spread strengths evenly, then shuffle, so every county has model and lagging townships.
  const strengths = rng.shuffle(names.map((_, i) => (n === 1 ? 0.6 : (i + 0.2 + 0.6 * rng.next()) / n)));
  const places = new PlaceNames(rng.fork('places'));
  const townships = names.map((t, i): TownPlan => {
    const code = `${COUNTY.code}${t.code}`;
    const trng = rng.fork(`town:${t.name}`);
    const total = trng.int(8, 14);
    const communities =
      t.type === 'street' ? trng.int(6, Math.min(10, total - 2)) : t.type === 'town' ? trng.int(1, 2) : 1;
    const villages: PlacePlan[] = [];
    for (let c = 0; c < communities; c++) {
      villages.push({
        name: c === 0 ? places.seatCommunity(t.name) : places.community(),
        code: `${code}${String(c + 1).padStart(3, '0')}`,
      });
    }
    for (let v = 0; v < total - communities; v++)
      villages.push({ name: places.village(), code: `${code}${200 + v + 1}` });
    const size =
      t.type === 'street'
        ? 0.7 + trng.next() * 0.3
        : t.type === 'town'
          ? 0.3 + trng.next() * 0.6
          : trng.next() * 0.3;
    return {
      index: i + 1,
      name: t.name,
      code,
      type: t.type,
      unit: t.type === 'street' ? '街道' : t.type === 'town' ? '镇' : '乡',
      party: t.type === 'street' ? '党工委' : '党委',
      gov: t.type === 'street' ? '街道办事处' : t.type === 'town' ? '镇政府' : '乡政府',
      villages,
      departments: departments(t.name, code),
      strength: strengths[i]!,
      size,
      cast: cast(trng.fork('cast')),
    };
  });
  return { name: COUNTY.name, code: COUNTY.code, townships };
}

/** Every draft of one township over the two ledger years (and the current year to date), grouped by kind in catalogue order. */
export function townDrafts(o: DemoPlanOptions, t: TownPlan): Map<KindId, OrgDraft[]> {
  const out = new Map<KindId, OrgDraft[]>(kinds.map((k) => [k.id as KindId, []]));
  const base = new Rng(o.seed).fork(`drafts:${t.code}`);
  const run = (gens: readonly Generator[], year: number, drift: number, until = '9999-12-31') => {
    gens.forEach((gen, i) => {
      const rng = base.fork(`${year}:${i}`);
      const ctx: GenContext = {
        rng,
        year,
        reportYear: o.year,
        today: o.today,
        t,
        activity: Math.min(1, Math.max(0, t.strength + drift + (rng.next() - 0.5) * 0.1)),
        emit: (kind, d) => {
          if (String(d.date) <= until) out.get(kind)!.push(d);
        },
      };
      gen(ctx);
    });
  };
  run(REGISTRIES, o.year, 0);
  run(YEARLY, o.year - 1, -0.05);
  run(YEARLY, o.year, 0.03);
  // The year under way, up to today: what a clerk would already have entered (dashboards, open cases).
  if (Number(o.today.slice(0, 4)) === o.year + 1) run(YEARLY, o.year + 1, 0.05, o.today);
  return out;
}
