import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../core/errors.ts';
import { DEFAULT_MAX_IMPORT_BYTES } from './format.ts';
import { readSheets } from './read.ts';

describe('reading a damaged workbook', () => {
  // Found by the fuzz run (seed 1, input 9663): the sheet list was parsed outside the reader's guard.
  it('is a Chinese corrupt_file error when the sheet list is damaged and no worksheet was read', () => {
    const bytes = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="纠纷" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(''),
    });
    let err: unknown;
    try {
      readSheets('台账.xlsx', bytes, 'xlsx', DEFAULT_MAX_IMPORT_BYTES);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: 'corrupt_file', status: 400 });
    expect((err as Error).message).toMatch(
      /^文件“台账\.xlsx”已损坏或不是有效的 Excel（\.xlsx）文件，无法读取/,
    );
  });
});
