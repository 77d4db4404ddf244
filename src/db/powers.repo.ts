import type { Kysely, Transaction } from 'kysely';
import { CELL_COLS, applyRecordCells, inTransaction, replaceRecordCells } from './indicator-cells.repo.ts';
import { lockedCellRows } from './records.repo.ts';
import type { Database } from './schema.ts';

/**
 * The 权力清单 (ledger records of kind `power`): a township's list for a year is the records
 * starting in that year; a power is held on a date when its record is in force then.
 */

type Q = Kysely<Database> | Transaction<Database>;
const KIND = 'power';

/** A power of this name in force for the township on `date` (registry rule: start ≤ date < end). */
export async function findHeldPower(
  db: Q,
  townshipId: number,
  item: string,
  date: string,
): Promise<{ id: number; data: unknown } | undefined> {
  const row = await db
    .selectFrom('records')
    .select(['id', 'data'])
    .where('township_id', '=', townshipId)
    .where('kind', '=', KIND)
    .where('title', '=', item)
    .where('date', '<=', date)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', date)]))
    .orderBy('date', 'desc')
    .executeTakeFirst();
  return row ? { id: Number(row.id), data: row.data } : undefined;
}

/** How many powers the township's list for the year [from, to) holds. */
export async function countPowersStarting(
  db: Q,
  townshipId: number,
  from: string,
  to: string,
): Promise<number> {
  const r = await db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('township_id', '=', townshipId)
    .where('kind', '=', KIND)
    .where('date', '>=', from)
    .where('date', '<', to)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Deletes the township's powers starting in [from, to): the list being replaced. */
export async function deletePowersStarting(
  db: Q,
  townshipId: number,
  from: string,
  to: string,
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const gone = await trx
      .deleteFrom('records')
      .where('township_id', '=', townshipId)
      .where('kind', '=', KIND)
      .where('date', '>=', from)
      .where('date', '<', to)
      .returning(CELL_COLS)
      .execute();
    await applyRecordCells(trx, gone, -1);
    return gone.length;
  });
}

/** Ends at `date` every earlier power still in force then: a newer year's list takes over from it. */
export async function endPowersBefore(db: Q, townshipId: number, date: string, now: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    const ids = await trx
      .selectFrom('records')
      .select('id')
      .where('township_id', '=', townshipId)
      .where('kind', '=', KIND)
      .where('date', '<', date)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', date)]))
      .execute();
    const old = await lockedCellRows(
      trx,
      ids.map((r) => Number(r.id)),
    );
    if (old.length === 0) return 0;
    const r = await trx
      .updateTable('records')
      .set({ end_date: date, updated_at: now })
      .where(
        'id',
        'in',
        old.map((o) => Number(o.id)),
      )
      .executeTakeFirst();
    await replaceRecordCells(
      trx,
      old,
      old.map((o) => ({ ...o, end_date: date })),
    );
    return Number(r.numUpdatedRows);
  });
}
