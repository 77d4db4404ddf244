import type { PlanItem } from '../report/model/types.ts';
import type { Db } from '../db/connect.ts';
import { insertRecords } from '../db/records.repo.ts';
import { allowedKinds, forbidden, kindAllowed, requireAction, type Principal } from './access.ts';
import { withAudit, type AuditActor } from './audit.ts';
import { importLedger, type ImportInput } from './ledger-io/import.ts';
import type { ImportReport } from './ledger-io/report.ts';
import { writableTownship } from './ledger-writes.ts';
import { commitmentRows } from './report.ts';

/**
 * Many ledger rows written at once on behalf of a principal (a spreadsheet import, next year's
 * commitments): checked against its rights and scope, audited in the same transaction as the rows.
 */

/**
 * Imports a ledger spreadsheet into a township inside the principal's scope, all or nothing; the
 * import and its `ledger.import` entry commit together. A dry run writes and audits nothing.
 */
export async function importRecords(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: Omit<ImportInput, 'township' | 'createdBy' | 'now' | 'transaction'> & { townshipId?: number },
  at: string,
): Promise<ImportReport> {
  requireAction(p, 'ledger.import');
  if (allowedKinds(p.role, 'write') !== undefined) throw forbidden('当前角色无权导入台账表格');
  const { townshipId, ...rest } = input;
  const township = await writableTownship(h, p, townshipId);
  return importLedger(h, {
    ...rest,
    township,
    createdBy: p.id,
    now: at,
    transaction: (write) =>
      withAudit(h, actor, at, async (trx) => {
        const w = await write(trx);
        const after = { township: township.id, fileName: input.fileName, ...w };
        return {
          result: w,
          events: [{ action: 'ledger.import', targetType: 'import', targetId: w.importId, after }],
        };
      }),
  });
}

/**
 * Stores part 4 of a township's report for `year` as next year's commitment records; items already
 * stored are skipped, and when nothing is new nothing is written or audited.
 */
export async function recordCommitments(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: { townshipId?: number; year: number; items: readonly PlanItem[] },
  at: string,
): Promise<{ added: number; skipped: number }> {
  requireAction(p, 'records.write');
  if (!kindAllowed(p.role, 'write', 'commitment')) throw forbidden('当前角色无权录入工作安排');
  const township = await writableTownship(h, p, input.townshipId);
  const rows = await commitmentRows(h, township, input.year, input.items, { now: at, createdBy: p.id });
  if (rows.length === 0) return { added: 0, skipped: input.items.length };
  const added = await withAudit(h, actor, at, async (trx) => {
    const n = await insertRecords(trx, rows);
    const after = { year: input.year + 1, added: n, titles: rows.map((r) => r.title) };
    return {
      result: n,
      events: [{ action: 'commitment.create', targetType: 'org', targetId: township.id, after }],
    };
  });
  return { added, skipped: input.items.length - added };
}
