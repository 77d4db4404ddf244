/**
 * National plans a report may cite, by the years they cover. A report must never cite an expired
 * plan (a reviewer finding: “七五”普法 in a report on 2023), so every citation goes through here.
 */

interface Plan {
  readonly from: number;
  readonly to: number;
  readonly name: string;
}

/** 五年普法规划: 七五 2016–2020, 八五 2021–2025, 九五 2026–2030. */
const publicityPlans: readonly Plan[] = [
  { from: 2016, to: 2020, name: '“七五”普法规划' },
  { from: 2021, to: 2025, name: '“八五”普法规划' },
  { from: 2026, to: 2030, name: '“九五”普法规划' },
];

/** 法治政府建设实施纲要. */
const outlines: readonly Plan[] = [
  { from: 2015, to: 2020, name: '《法治政府建设实施纲要（2015—2020年）》' },
  { from: 2021, to: 2025, name: '《法治政府建设实施纲要（2021—2025年）》' },
];

const current = (plans: readonly Plan[], year: number): Plan | undefined =>
  plans.find((p) => year >= p.from && year <= p.to);

/** The 普法 plan in force in `year`, or null when none is known. */
export function publicityPlan(year: number): { name: string; first: boolean; last: boolean } | null {
  const p = current(publicityPlans, year);
  return p ? { name: p.name, first: year === p.from, last: year === p.to } : null;
}

/** The 法治政府建设实施纲要 in force in `year`, or null. */
export function governmentOutline(year: number): string | null {
  return current(outlines, year)?.name ?? null;
}

/** Plans that ended before `year`: a report on `year` must not cite them. */
export function expiredPlanNames(year: number): string[] {
  return [...publicityPlans, ...outlines].filter((p) => p.to < year).map((p) => p.name);
}
