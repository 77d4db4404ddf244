import type { KindId } from '../../catalogue/kinds.ts';
import type { OrgDraft } from '../records.ts';
import type { Rng } from './random.ts';

/** The departments every demo township has, stored as orgs of kind `department`. */
export const DEPARTMENTS = {
  office: '党政办',
  justice: '司法所',
  governance: '综治中心',
  police: '派出所',
  enforcement: '综合行政执法队',
  petition: '信访办',
} as const;
export type DepartmentKey = keyof typeof DEPARTMENTS;

export interface PlacePlan {
  readonly name: string;
  readonly code: string;
}

/** The people a township's ledger keeps naming. */
export interface Cast {
  /** 党委书记 (党工委书记 in a 街道). */
  readonly secretary: string;
  /** 镇长 / 乡长 / 街道办事处主任. */
  readonly head: string;
  /** 分管政法的副书记或副镇长. */
  readonly deputy: string;
  /** 司法所所长. */
  readonly justiceChief: string;
  /** 综治中心主任. */
  readonly governanceChief: string;
  /** 法治专干 (党政办). */
  readonly staff: string;
  readonly advisers: readonly { readonly name: string; readonly firm: string }[];
  readonly gridMember: string;
}

/** One demo township: its name, places, people, and how strong and how big it is. */
export interface TownPlan {
  /** 1-based, in creation order; names the accounts (t01.leader…). */
  readonly index: number;
  readonly name: string;
  readonly code: string;
  readonly type: 'street' | 'town' | 'xiang';
  /** 镇, 乡 or 街道: as in 全镇, 本乡. */
  readonly unit: string;
  /** 党委 or 党工委. */
  readonly party: string;
  /** 镇政府, 乡政府 or 街道办事处. */
  readonly gov: string;
  readonly villages: readonly PlacePlan[];
  readonly departments: Readonly<Record<DepartmentKey, PlacePlan>>;
  /** 0 (weak ledger: fewer activities, more late or unresolved cases) to 1 (a model township). */
  readonly strength: number;
  /** 0 (small, remote 乡) to 1 (populous 街道 or seat town): drives dispute and petition volume. */
  readonly size: number;
  readonly cast: Cast;
}

/** What one work-area generator gets: its own random stream, the township, and where to put drafts. */
export interface GenContext {
  readonly rng: Rng;
  /** The ledger year generated (event kinds); for registries, the demo's report year. */
  readonly year: number;
  /** The demo's report year (the later of the two ledger years). */
  readonly reportYear: number;
  /** `now` as a date: nothing is closed, replied or decided after it. */
  readonly today: string;
  readonly t: TownPlan;
  /** How active the township was this year, 0–1 (its strength with a little year-to-year drift). */
  readonly activity: number;
  emit(kind: KindId, draft: OrgDraft): void;
}

export type Generator = (ctx: GenContext) => void;

/** The township's village names, for drafts' `org`. */
export const villageNames = (t: TownPlan): string[] => t.villages.map((v) => v.name);

/** Picks a village or community of the township. */
export const someVillage = (ctx: GenContext): string => ctx.rng.pick(ctx.t.villages).name;

/** A date at or before today, or null: what is in the future has not happened yet. */
export const happened = (ctx: GenContext, date: string): string | null => (date <= ctx.today ? date : null);
