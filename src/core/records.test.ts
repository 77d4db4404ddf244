import { describe, expect, it } from 'vitest';
import { getKind } from '../catalogue/kinds.ts';
import { dedupKey, validateRecord } from './records.ts';

const dispute = getKind('dispute');

describe('validateRecord', () => {
  it('normalises labels, booleans, numbers and dates', () => {
    const r = validateRecord(dispute, {
      date: '2023年5月10日',
      title: ' 邻里噪音纠纷 ',
      data: {
        disputeType: '邻里纠纷',
        status: '调解成功',
        preLitigation: '是',
        dueDate: '2023/6/9',
        satisfaction: '',
      },
    });
    expect(r).toEqual({
      ok: true,
      value: {
        date: '2023-05-10',
        endDate: null,
        title: '邻里噪音纠纷',
        data: { disputeType: 'neighbour', status: 'resolved', dueDate: '2023-06-09', preLitigation: true },
      },
    });
  });

  it('lists every problem in Chinese', () => {
    const r = validateRecord(getKind('publicity_event'), {
      date: '',
      title: 'x'.repeat(201),
      endDate: '2023-01-01',
      data: { form: '跳舞', materials: '一千', audience: -5, banners: 1.5, colour: 'red' },
    });
    expect(r.ok).toBe(false);
    const msgs = r.ok ? [] : r.errors.map((e) => `${e.label}：${e.message}`);
    expect(msgs).toEqual([
      '活动日期：不能为空',
      '活动主题：长度 201 超过上限 200 字',
      '结束日期：普法宣传活动没有结束日期',
      '活动形式：“跳舞”不是可选值，应为：集中宣传、送法下乡/进村、入户宣传、进校园、进企业、网络新媒体、广播、其他',
      '发放资料：“一千”不是数字',
      '受教育群众：-5 小于下限 0',
      '横幅标语：“1.5”不是整数',
      'colour：普法宣传活动没有此字段',
    ]);
  });

  it('checks registry end dates', () => {
    const kind = getKind('grid_member');
    const r = validateRecord(kind, {
      date: '2023-05-01',
      endDate: '2023-04-01',
      title: '张三',
      data: { grid: '一网格' },
    });
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual(['不能早于任职日期（2023-05-01）']);
  });
});

describe('dedupKey', () => {
  it('is the same for the same content and differs otherwise', () => {
    const a = validateRecord(dispute, {
      date: '2023-05-10',
      title: '纠纷',
      data: { disputeType: 'debt', status: 'pending' },
    });
    const b = validateRecord(dispute, {
      date: '2023/5/10',
      title: '纠纷 ',
      data: { status: '调处中', disputeType: '债务纠纷' },
    });
    const c = validateRecord(dispute, {
      date: '2023-05-11',
      title: '纠纷',
      data: { disputeType: 'debt', status: 'pending' },
    });
    if (!a.ok || !b.ok || !c.ok) throw new Error('invalid');
    expect(dedupKey('dispute', null, a.value)).toBe(dedupKey('dispute', null, b.value));
    expect(dedupKey('dispute', null, a.value)).not.toBe(dedupKey('dispute', null, c.value));
    expect(dedupKey('dispute', 7, a.value)).not.toBe(dedupKey('dispute', null, a.value));
  });
});
