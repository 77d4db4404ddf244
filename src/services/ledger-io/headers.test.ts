import { describe, expect, it } from 'vitest';
import { getKind } from '../../catalogue/kinds.ts';
import { canonicalHeader, columnLetter, detectKind, mapHeaders } from './headers.ts';
import { headerText, kindColumns } from './layout.ts';

describe('canonicalHeader', () => {
  it('ignores required marks, spaces and bracket width', () => {
    expect(canonicalHeader(' ＊会议 日期 ')).toBe(canonicalHeader('会议日期'));
    expect(canonicalHeader('*村(社区)/部门')).toBe(canonicalHeader('村（社区）/部门'));
    expect(canonicalHeader('会议\n日期：')).toBe(canonicalHeader('会议日期'));
  });
});

describe('mapHeaders', () => {
  const kind = getKind('publicity_event');
  it('maps the template header, keys, aliases and unit notes', () => {
    const header = kindColumns(kind).map(headerText);
    const m = mapHeaders(kind, header);
    expect(m.problems).toEqual([]);
    expect(m.matched).toBe(header.length);
    const loose = mapHeaders(kind, [
      '活动日期',
      '* 活动主题',
      '村（社区）',
      'form',
      '发放资料（份）',
      '受教育群众(必填)',
    ]);
    expect(loose.problems).toEqual([]);
    expect(loose.columns.map((c) => c?.label)).toEqual([
      '活动日期',
      '活动主题',
      '村（社区）/部门',
      '活动形式',
      '发放资料',
      '受教育群众',
    ]);
  });

  it('reports unknown, duplicate and missing required columns in Chinese', () => {
    const m = mapHeaders(kind, ['活动日期', '活动主题', '天气', '活动主题']);
    expect(m.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^无法识别的列名“天气”，普法宣传活动台账的列应为：＊活动日期、＊活动主题/),
      '与第 B 列重复，都对应“活动主题”，请删去其中一列',
      expect.stringMatching(/^缺少必填列“＊活动形式”/),
    ]);
  });
});

describe('detectKind', () => {
  it('finds the one kind a header fits', () => {
    expect(detectKind(['会议日期', '会议名称', '主持人', '参会人数'])?.id).toBe('safety_meeting');
    expect(detectKind(kindColumns(getKind('dispute')).map(headerText))?.id).toBe('dispute');
    expect(detectKind(['考试日期', '考试名称'])).toBeUndefined();
    expect(detectKind(['甲', '乙'])).toBeUndefined();
  });
});

it('names columns as Excel does', () => {
  expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
});
