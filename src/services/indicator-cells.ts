import { indicators } from '../catalogue/indicators.ts';
import { UserError } from '../core/errors.ts';
import { planAggregates } from '../core/indicators.ts';
import type { Db } from '../db/connect.ts';
import { rebuildCellsIn, verifyCells, type RebuildCount } from '../db/indicator-cells.repo.ts';
import { allOrgs, type Org } from './orgs.ts';
import { forbidden, isSystem, type Principal } from './access.ts';
import { withAudit, type AuditActor } from './audit.ts';

/**
 * The indicator cells' upkeep at the console: checking them against the records and rebuilding
 * them. Every write of the ledger keeps them up to date; these are for an operator who suspects
 * otherwise (a restored or hand-edited database).
 */

/** Which cells a check covers: a county's, or one township's; the database's when no org. */
function cellScope(org: Org | undefined): { countyId?: number; townshipId?: number } {
  if (!org) return {};
  if (org.kind === 'county') return { countyId: org.id };
  if (org.kind === 'township' && org.parentId !== null) return { countyId: org.parentId, townshipId: org.id };
  throw new UserError(
    `指标汇总按乡镇和县核对：“${org.name}”不是县（区）或乡镇（街道）`,
    'not_county_or_township',
  );
}

/** Which indicators read an aggregate (its value or its record count). */
const labelsByAggregate = (() => {
  const out = new Map<string, string[]>();
  for (const ind of indicators)
    for (const id of planAggregates([ind]).keys()) out.set(id, [...(out.get(id) ?? []), ind.label]);
  return out;
})();

export interface CellDifferenceText {
  readonly org: string;
  readonly year: number;
  readonly indicators: readonly string[];
  readonly cells: number;
  readonly scan: number;
}

/** Compares the cells with a scan of the records: each county and township, each year with records. */
export async function verifyIndicatorCells(
  h: Db,
  input: { readonly org?: Org; readonly year?: number },
): Promise<{ checked: number; differences: CellDifferenceText[] }> {
  const r = await verifyCells(h, { ...cellScope(input.org), year: input.year });
  const names = new Map((await allOrgs(h)).map((o) => [o.id, o.name]));
  return {
    checked: r.checked,
    differences: r.differences.map((d) => ({
      org: names.get(d.townshipId ?? d.countyId) ?? String(d.townshipId ?? d.countyId),
      year: d.year,
      indicators: labelsByAggregate.get(d.aggregate) ?? [d.aggregate],
      cells: d.cells,
      scan: d.scan,
    })),
  };
}

/** Rebuilds the cells of one county, or every county, from the records, in one audited transaction. */
export async function rebuildIndicatorCells(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: { readonly county?: Org },
  at: string,
): Promise<RebuildCount> {
  if (!isSystem(p)) throw forbidden('指标汇总只能在服务器命令行重建（fazhi indicators rebuild）');
  const county = input.county;
  if (county && county.kind !== 'county')
    throw new UserError(`重建指标汇总按县进行：“${county.name}”不是县（区）`, 'not_county');
  return withAudit(h, actor, at, async (trx) => {
    const result = await rebuildCellsIn(trx, county?.id);
    return {
      result,
      events: [
        {
          action: 'indicators.rebuild',
          targetType: county ? 'org' : 'database',
          targetId: county?.id ?? null,
          after: result,
        },
      ],
    };
  });
}
