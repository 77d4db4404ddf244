import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearPeriod } from '../core/dates.ts';
import { ALL } from '../core/scope.ts';
import type { Db } from '../db/connect.ts';
import type { Inline } from '../report/model/types.ts';
import { bodyItems } from '../report/render/text.ts';
import { testDatabases } from '../testing/databases.ts';
import { addRecord, setup, smallCounty } from '../testing/fixtures.ts';
import { filledTemplate, plainWorkbook, utc, type Row } from '../testing/workbooks.ts';
import { listAudit } from './audit.ts';
import { registerCase, takeCaseStep } from './case-writes.ts';
import { showCase } from './cases.ts';
import { computeIndicators } from './indicators.ts';
import type { Org } from './orgs.ts';
import { replacePowerList, type PowerListInput } from './powers.ts';
import { buildReportModel } from './report.ts';

const NOW = '2025-11-20T02:00:00.000Z';
const HEADER: Row = [
  '序号',
  '权力类别',
  '事项名称',
  '设定依据',
  '权力来源',
  '赋权文件',
  '赋权日期',
  '责任科室',
  '责任事项',
];
const DOC = '清河县人民政府关于向乡镇赋予部分县级行政执法权的决定（清府发〔2024〕12号）';

/** A county's list as it comes: a title row above the header, no dates, 序号 numbering. */
const countyList = (year: number, rows: readonly Row[]) =>
  plainWorkbook([
    {
      name: `${year}年权力清单`,
      rows: [[`甲镇${year}年权力清单和责任清单`], HEADER, ...rows.map((r, i) => [i + 1, ...r])],
    },
  ]);

const burning: Row = [
  '行政处罚',
  '对露天焚烧秸秆的处罚',
  '《大气污染防治法》第一百一十九条',
  '县级赋权',
  DOC,
  utc('2024-06-18'),
  '综合行政执法队',
  '立案、调查、决定、送达',
];
const building: Row = [
  '行政处罚',
  '对未取得乡村建设规划许可证进行建设的处罚',
  '《城乡规划法》第六十五条',
  '法定',
  null,
  null,
  '规划建设办',
  null,
];
const homestead: Row = [
  '行政许可',
  '农村村民宅基地审批',
  '《土地管理法》第六十二条',
  '法定',
  null,
  null,
  '规划建设办',
  null,
];
const safety: Row = [
  '行政检查',
  '对生产经营单位安全生产状况的监督检查',
  '《安全生产法》第九条',
  '法定',
  null,
  null,
  '应急管理办',
  null,
];

const text = (inlines: readonly Inline[]) =>
  inlines
    .map((i) => (i.t === 'text' ? i.text : i.t === 'figure' ? i.figure.text : `【待补充：${i.text}】`))
    .join('');

for (const tdb of testDatabases()) {
  describe(`权力清单 on ${tdb.name}`, () => {
    let h: Db;
    let org: { county: Org; a: Org; b: Org };
    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
    });
    afterAll(async () => h.close());

    const replace = async (t: Org, year: number, bytes: Uint8Array, extra: Partial<PowerListInput> = {}) =>
      replacePowerList(
        h,
        setup.p,
        setup.actor,
        { townshipId: t.id, year, fileName: `${year}.xlsx`, bytes, ...extra },
        NOW,
      );
    const value = async (t: Org, year: number, key: string) =>
      (await computeIndicators(h, t, yearPeriod(year))).find((v) => v.key === key)?.value;
    const powers = (t: Org) =>
      h.db
        .selectFrom('records')
        .select(['title', 'date', 'end_date'])
        .where('township_id', '=', t.id)
        .where('kind', '=', 'power')
        .orderBy('date')
        .orderBy('title')
        .execute();
    const openPenalty = (t: Org, date: string, power: string | undefined) =>
      registerCase(
        h,
        setup.p,
        setup.actor,
        {
          type: 'penalty',
          townshipId: t.id,
          draft: { date, title: '某某露天焚烧案', data: power === undefined ? {} : { power } },
        },
        NOW,
      );

    it('imports a county list for a year, dated by the year, counted by category, audited', async () => {
      const r = await replace(org.a, 2024, await countyList(2024, [burning, building, homestead, safety]));
      expect(r).toMatchObject({ year: 2024, rows: 4, previous: 0, delegated: 1, errors: [] });
      expect(r.byCategory).toEqual([
        { category: '行政处罚', count: 2 },
        { category: '行政许可', count: 1 },
        { category: '行政检查', count: 1 },
      ]);
      expect((await powers(org.a)).map((p) => [p.date, p.end_date])).toEqual(
        Array(4).fill(['2024-01-01', '2025-01-01']),
      );
      expect(await value(org.a, 2024, 'powers.total')).toBe(4);
      expect(await value(org.a, 2024, 'powers.penalty')).toBe(2);
      expect(await value(org.a, 2024, 'powers.licensing')).toBe(1);
      expect(await value(org.a, 2024, 'powers.inspection')).toBe(1);
      expect(await value(org.a, 2024, 'powers.enforcement_measures')).toBe(0);
      expect(await value(org.a, 2024, 'powers.delegated')).toBe(1);
      // A list is in force for its year only.
      expect(await value(org.a, 2025, 'powers.total')).toBe(0);
      const [entry] = (await listAudit(h, { limit: 1000 })).filter((e) => e.action === 'powers.replace');
      expect(entry).toMatchObject({ targetType: 'org', targetId: String(org.a.id) });
      expect(entry?.after).toMatchObject({ year: 2024, inserted: 4, removed: 0 });
    });

    it('lists every bad row in Chinese and writes nothing; a dry run writes nothing either', async () => {
      const before = await powers(org.a);
      const bad = await countyList(2024, [
        ['行政处分', '对某事项的处罚', '某法', '法定'],
        ['行政处罚', '', '某法', '法定'],
        ['行政检查', '对某场所的检查', null, '市级下放'],
        ['行政处罚', '对某违法行为的处罚', '某法', '县级赋权', null],
      ]);
      const r = await replace(org.a, 2024, bad);
      expect(r.errors.map((e) => [e.row, e.column])).toEqual([
        [3, '权力类别'],
        [4, '事项名称'],
        [5, '设定依据'],
        [5, '权力来源'],
        [6, '赋权文件'],
      ]);
      expect(r.errors.at(-1)!.message).toBe('县级赋权的事项须填写赋权文件（文件名称及文号）');
      expect(r.errors[0]!.message).toContain('行政处罚、行政许可、行政强制');
      expect(r.errors.every((e) => e.sheet === '2024年权力清单')).toBe(true);
      const dry = await replace(org.a, 2024, await countyList(2024, [homestead]), { dryRun: true });
      expect(dry).toMatchObject({ dryRun: true, previous: 4, errors: [] });
      expect(await powers(org.a)).toEqual(before);
    });

    it('refuses dates outside the year in a fazhi template, with the row', async () => {
      const bytes = await filledTemplate('power', [
        ['2023-05-01', '对露天焚烧秸秆的处罚', null, null, '行政处罚', '《大气污染防治法》', '法定'],
      ]);
      const r = await replace(org.b, 2024, bytes);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ row: 3, column: '生效日期' });
      expect(r.errors[0]!.message).toContain('不在2024年内');
      expect(await powers(org.b)).toEqual([]);
    });

    it('replaces a year’s list and keeps earlier years; a power entered by hand without an end ends where the next list starts', async () => {
      await addRecord(h, org.a, 'power', {
        date: '2023-03-01',
        title: '民间纠纷的处理',
        data: { category: '其他行政权力', basis: '《民间纠纷处理办法》', source: '法定' },
      });
      await replace(org.a, 2025, await countyList(2025, [burning, building, safety]));
      expect(await value(org.a, 2025, 'powers.total')).toBe(3);
      const again = await replace(org.a, 2025, await countyList(2025, [burning, homestead]));
      expect(again).toMatchObject({ previous: 3, rows: 2 });
      expect(await value(org.a, 2025, 'powers.total')).toBe(2);
      expect(await value(org.a, 2025, 'powers.licensing')).toBe(1);
      expect(await value(org.a, 2025, 'powers.inspection')).toBe(0);
      // 2024's list is untouched; the power entered by hand held through 2024 and ended on 2025-01-01.
      const all = await powers(org.a);
      expect(all.filter((p) => p.date === '2024-01-01')).toHaveLength(4);
      expect(all.find((p) => p.title === '民间纠纷的处理')?.end_date).toBe('2025-01-01');
      expect(await value(org.a, 2024, 'powers.total')).toBe(5);
      expect(await value(org.a, 2024, 'powers.other')).toBe(1);
      expect(await value(org.a, 2023, 'powers.total')).toBe(1);
    });

    it('opens a penalty case only under a power the township holds on the case’s date', async () => {
      await expect(openPenalty(org.a, '2025-03-03', undefined)).rejects.toThrow(
        '行政处罚案件须写明“行使的权力事项”',
      );
      // Held in 2024 but dropped from the 2025 list.
      await expect(
        openPenalty(org.a, '2025-03-03', '对未取得乡村建设规划许可证进行建设的处罚'),
      ).rejects.toThrow(
        '本乡镇2025年权力清单中没有“对未取得乡村建设规划许可证进行建设的处罚”，不能以此立案；请先在权力清单中登记或核对事项名称',
      );
      await expect(openPenalty(org.b, '2025-03-03', '对露天焚烧秸秆的处罚')).rejects.toThrow(
        '本乡镇2025年权力清单中没有“对露天焚烧秸秆的处罚”',
      );
      const ok = await openPenalty(org.a, '2024-10-08', '对未取得乡村建设规划许可证进行建设的处罚');
      expect(ok).toMatchObject({ type: 'penalty', state: 'filed' });
      const c = await openPenalty(org.a, '2025-03-03', ' 对露天焚烧秸秆的处罚 ');
      expect(c.data.power).toBe('对露天焚烧秸秆的处罚');
      const refused = await h.db
        .selectFrom('records')
        .select('id')
        .where('kind', '=', 'penalty')
        .where('township_id', '=', org.b.id)
        .execute();
      expect(refused).toEqual([]);
    });

    it('refuses a power of another category, and an escalation that names no penalty power', async () => {
      const open = (data: Record<string, unknown>) =>
        registerCase(
          h,
          setup.p,
          setup.actor,
          {
            type: 'inspection',
            townshipId: org.a.id,
            draft: { date: '2024-04-01', title: '某厂安全检查', data },
          },
          NOW,
        );
      await expect(open({ area: 'safety', power: '对露天焚烧秸秆的处罚' })).rejects.toThrow(
        '本乡镇2024年权力清单中的“对露天焚烧秸秆的处罚”属于行政处罚，不能据以办理执法检查与整改（应为行政检查事项）',
      );
      const c = await open({ area: 'safety', power: '对生产经营单位安全生产状况的监督检查' });
      const move = (action: string, date: string, values: Record<string, unknown> = {}) =>
        takeCaseStep(h, setup.p, setup.actor, c.id, { action, date, values, role: 'township_leader' }, NOW);
      await move('order', '2024-04-01', { problemsFound: 2, rectifyDeadline: '2024-04-30' });
      await move('unrectified', '2024-05-06', { problemsRectified: 0 });
      await expect(move('escalate', '2024-05-08')).rejects.toThrow('行政处罚案件须写明“行使的权力事项”');
      expect((await showCase(h, ALL, c.id, NOW)).state).toBe('unrectified');
      const done = await move('escalate', '2024-05-08', {
        penaltyPower: '对未取得乡村建设规划许可证进行建设的处罚',
      });
      expect(done.state).toBe('escalated');
    });

    it('states the list by category in the report, and asks for it where there is none', async () => {
      const m = await buildReportModel(h, org.a, 2024, '2025-01-20T02:00:00.000Z');
      const paras = bodyItems(m).flatMap((b) => (b.kind === 'para' ? [text(b.para.inlines)] : []));
      const sentence = paras.find((p) => p.includes('形成权力清单'));
      expect(sentence).toMatch(
        /形成权力清单5项，其中行政处罚2项、行政许可1项、行政检查1项、其他行政权力1项，县级赋权1项，/,
      );
      await addRecord(h, org.b, 'inspection', {
        date: '2024-05-06',
        title: '安全生产检查',
        data: { area: '安全生产', problemsFound: 0, problemsRectified: 0 },
      });
      const b = await buildReportModel(h, org.b, 2024, '2025-01-20T02:00:00.000Z');
      expect(b.placeholders).toContain('2024年度权力清单、责任清单梳理和公布情况（台账中没有权力清单）');
    });
  });
}
