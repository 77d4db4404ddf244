import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, ImportLayoutTable } from './schema.ts';

/** A township's remembered choice for one layout: its kind and each column's field. */
export interface LayoutChoice {
  readonly kind: string;
  /** Column letter → column id (date, title, org, endDate, data.<field>) or ignore. */
  readonly columns: Readonly<Record<string, string>>;
}

/** The layouts a township has mapped by hand, by signature. */
export async function layoutsOf(
  db: Kysely<Database>,
  townshipId: number,
): Promise<Map<string, LayoutChoice>> {
  const rows = await db
    .selectFrom('import_layouts')
    .select(['signature', 'kind', 'columns'])
    .where('township_id', '=', townshipId)
    .execute();
  return new Map(
    rows.map((r) => [
      r.signature,
      { kind: r.kind, columns: JSON.parse(r.columns) as Record<string, string> },
    ]),
  );
}

/** Stores (or replaces) a township's choice for a layout, in the import's own transaction. */
export async function saveLayout(
  trx: Transaction<Database>,
  row: Insertable<ImportLayoutTable>,
): Promise<void> {
  await trx
    .insertInto('import_layouts')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['township_id', 'signature']).doUpdateSet({
        kind: row.kind,
        columns: row.columns,
        headers: row.headers,
        created_by: row.created_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
