import { z } from 'zod';

/** Request pieces shared by several routes. Query strings arrive as text, hence the coercions. */
export const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const year = z.coerce.number().int().min(2000).max(2100);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 形式的日期');
export const orgId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A ledger record's fields as a form or client sends them; values are validated against the kind. */
export const recordDraft = z.object({
  date: z.string().max(40),
  title: z.string().max(400),
  endDate: z.string().max(40).nullish(),
  /** A village or department of the township, by name or code. */
  org: z.string().max(120).nullish(),
  data: z
    .record(z.string().max(64), z.union([z.string().max(5000), z.number(), z.boolean(), z.null()]))
    .default({}),
});
