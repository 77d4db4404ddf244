import { describe, expect, it } from 'vitest';
import { maskName, readCorrection, validCreditCode, validPhone, validResidentId } from './disclosure-form.ts';

describe('the disclosure request form', () => {
  it('checks a 居民身份证号码 by its check character (GB 11643) and a 统一社会信用代码 by MOD 31 (GB 32100)', () => {
    expect(validResidentId('11010519491231002X')).toBe(true);
    expect(validResidentId('110105194912310021')).toBe(false);
    expect(validResidentId('11010519491231002')).toBe(false);
    expect(validCreditCode('91350100M000100Y43')).toBe(true);
    expect(validCreditCode('91110000100006485K')).toBe(true);
    expect(validCreditCode('91350100M000100Y44')).toBe(false);
    // I, O, S, V and Z are not in the code's alphabet.
    expect(validCreditCode('91350100M000100I43')).toBe(false);
  });

  it('takes a mobile number or a landline with its area code', () => {
    for (const ok of ['13800138000', '+8613800138000', '0731-88886666', '073188886666', '010-12345678-123'])
      expect(validPhone(ok), ok).toBe(true);
    for (const bad of ['12345678901', '1380013800', '88886666', '0731-888'])
      expect(validPhone(bad), bad).toBe(false);
  });

  it('masks a name to its first character', () => {
    expect([
      maskName('张三'),
      maskName('王小明'),
      maskName('欧阳娜娜娜'),
      maskName('李'),
      maskName(''),
    ]).toEqual(['张*', '王**', '欧***', '李*', '']);
  });

  it('reads a 补正, refusing control characters and text over its limit', () => {
    expect(readCorrection({ description: ' 第一行\r\n第二行 ', note: '' })).toEqual({
      description: '第一行\n第二行',
      note: null,
    });
    expect(() => readCorrection({ description: 'a\u0000b' })).toThrow('申请表有1处需要修改');
    expect(() => readCorrection({ description: 'x', note: 'y'.repeat(501) })).toThrow('申请表有1处需要修改');
    expect(() => readCorrection({ description: 5 })).toThrow();
  });
});
