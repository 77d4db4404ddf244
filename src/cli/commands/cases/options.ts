import { caseRoles } from '../../../catalogue/cases.ts';
import { parseDate } from '../../../core/dates.ts';
import { UserError } from '../../../core/errors.ts';

/** A date option (`--date 2025-03-05`, also the spreadsheet forms parseDate accepts), or a Chinese error. */
export function dateOption(name: string, v: string): string {
  const d = parseDate(v);
  if (!d) throw new UserError(`--${name} 应为 YYYY-MM-DD 形式的日期，收到“${v}”`);
  return d;
}

/** A case role code (--role), or a Chinese error listing the roles. */
export function roleOption(r: string): string {
  if (!Object.hasOwn(caseRoles, r))
    throw new UserError(
      `--role 应为：${Object.entries(caseRoles)
        .map(([k, v]) => `${k}（${v}）`)
        .join('、')}，收到“${r}”`,
    );
  return r;
}

/** "Now" for remaining-days counts: --date when given, else the current time. */
export const nowFrom = (date?: string): string =>
  date ? dateOption('date', date) : new Date().toISOString();
