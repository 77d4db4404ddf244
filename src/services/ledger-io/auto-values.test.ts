import { describe, expect, it } from 'vitest';
import { getKind } from '../../catalogue/kinds.ts';
import type { EnumField } from '../../catalogue/fields.ts';
import { KIND_WORDS } from '../../catalogue/import-words.ts';
import { readDate, readField, readNumber, readOption, yearIn, type ReadValue } from './auto-values.ts';

/** The question asked about a value, or '' when it was read. */
const q = (v: ReadValue): string => (v.ok ? '' : v.question);

const form = getKind('publicity_event').fields.find((f) => f.key === 'form') as EnumField;

describe('values as townships write them', () => {
  it('reads dates in the common forms, and asks when the year is nowhere', () => {
    for (const s of [
      '2024.4.15',
      '2024/4/15',
      '2024年4月15日',
      '2024-04-15',
      '２０２４年４月１５日',
      '20240415',
    ])
      expect(readDate(s, undefined)).toEqual({ ok: true, value: '2024-04-15' });
    expect(readDate('4月15日', 2024)).toEqual({ ok: true, value: '2024-04-15' });
    expect(readDate('4.15', 2024)).toEqual({ ok: true, value: '2024-04-15' });
    expect(readDate('2024-04', undefined)).toEqual({ ok: true, value: '2024-04-01' });
    expect(readDate(45397, undefined)).toEqual({ ok: true, value: '2024-04-15' });
    expect(readDate(new Date('2024-04-15T00:00:00Z'), undefined)).toEqual({ ok: true, value: '2024-04-15' });
    expect(q(readDate('4月15日', undefined))).toContain('没有写年份');
    expect(q(readDate('2024.2.30', undefined))).toContain('不是有效日期');
    expect(readDate('上半年', 2024)).toMatchObject({ ok: false });
  });

  it('reads numbers with 余/约/左右, separators, full-width digits and units, and asks about 若干', () => {
    expect(readNumber('200余', '份', true)).toEqual({ ok: true, value: 200, approx: true });
    expect(readNumber('200余份', '份', true)).toEqual({ ok: true, value: 200, approx: true });
    expect(readNumber('约1000人', '人次', true)).toEqual({ ok: true, value: 1000, approx: true });
    expect(readNumber('300人左右', '人次', true)).toEqual({ ok: true, value: 300, approx: true });
    expect(readNumber('1,200', '份', true)).toEqual({ ok: true, value: 1200 });
    expect(readNumber('１２０', '份', true)).toEqual({ ok: true, value: 120 });
    expect(readNumber('1000人', '人次', true)).toEqual({ ok: true, value: 1000 });
    expect(readNumber(35, '份', true)).toEqual({ ok: true, value: 35 });
    expect(q(readNumber('若干', '份', true))).toContain('若干');
    expect(q(readNumber('3.5', '份', true))).toContain('整数');
    expect(q(readNumber('12条', '份', true))).toContain('单位');
  });

  it('matches options by meaning, and asks rather than guesses', () => {
    const syn = KIND_WORDS.publicity_event!.options!.form!;
    expect(readOption(form, '广场宣传', syn)).toEqual({ ok: true, value: 'street' });
    expect(readOption(form, '集中宣传', syn)).toEqual({ ok: true, value: 'street' });
    expect(readOption(form, '进社区宣传', syn)).toEqual({ ok: true, value: 'village' });
    expect(readOption(form, 'street', syn)).toEqual({ ok: true, value: 'street' });
    expect(q(readOption(form, '文艺汇演', syn))).toContain('不是“活动形式”的选项');
  });

  it('reads a field by its type, and finds the year a title names', () => {
    const kind = getKind('dispute');
    const status = kind.fields.find((f) => f.key === 'status')!;
    expect(readField(status, '已化解', undefined, KIND_WORDS.dispute!.options!.status)).toEqual({
      ok: true,
      value: 'resolved',
    });
    const pre = kind.fields.find((f) => f.key === 'preLitigation')!;
    expect(readField(pre, '√', undefined)).toEqual({ ok: true, value: true });
    expect(readField(pre, { cellError: '#N/A' }, undefined)).toMatchObject({ ok: false });
    expect(yearIn('桃源镇2024年普法宣传活动台账')).toBe(2024);
    expect(yearIn('2023—2024年台账', '2024年.xlsx')).toBe(2024);
    expect(yearIn('台账')).toBeUndefined();
  });
});
