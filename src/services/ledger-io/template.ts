import { findKind } from '../../catalogue/kinds.ts';
import { UserError } from '../../core/errors.ts';
import { kindColumns } from './layout.ts';
import { LedgerWorkbook } from './write.ts';

/** An empty ledger workbook for one kind (by id or Chinese label), ready to fill in and import. */
export async function buildTemplate(kindIdOrLabel: string): Promise<Buffer> {
  const kind = findKind(kindIdOrLabel);
  if (!kind)
    throw new UserError(`未知的台账类型“${kindIdOrLabel}”：可用 fazhi kinds 查看全部类型`, 'unknown_kind');
  const book = new LedgerWorkbook();
  book.addSheet(kind, kindColumns(kind), []);
  return book.toBuffer();
}
