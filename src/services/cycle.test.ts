import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../report/render/docx-read.ts';
import type { Db } from '../db/connect.ts';
import { seedSampleYear } from '../report/sample.ts';
import { NOW, addRecord, smallCounty } from '../testing/fixtures.ts';
import { testDatabases } from '../testing/databases.ts';
import type { Principal } from './access.ts';
import { actorOf } from './audit.ts';
import { entriesAfter } from '../db/audit.repo.ts';
import { compareVersions, ledgerChanges, reviewDraft } from './cycle-versions.ts';
import { countyPack, uploadReport } from './cycle-county.ts';
import { cycleReport, cycleStatus, draftModel, saveDraft } from './cycle.ts';
import { publicReport, publicReportFile, versionFile } from './cycle-public.ts';
import { takeStep } from './cycle-steps.ts';
import { inProcessCycleTools as tools } from './cycle-tools.ts';
import type { Org } from './orgs.ts';

const AT = '2025-01-20T02:00:00.000Z';
const LATER = '2025-02-10T02:00:00.000Z';

const person = (id: number, role: string, org: Org, name: string): Principal => ({
  id,
  username: `${role}.${org.code}`,
  name,
  role,
  orgId: org.id,
  orgPath: org.path,
});

for (const tdb of testDatabases()) {
  describe(`annual reporting cycle on ${tdb.name}`, () => {
    let h: Db;
    let org: { county: Org; a: Org; b: Org };
    let staff: Principal, leader: Principal, officer: Principal, otherLeader: Principal;
    const as = (p: Principal) => actorOf(p, '127.0.0.1');
    const step = (p: Principal, s: string, extra: Record<string, unknown> = {}, at = AT) =>
      takeStep(h, p, as(p), { townshipId: org.a.id, year: 2024, step: s, ...extra }, at, tools);
    const save = (p: Principal, baseVersion: number, edits: unknown, at = AT) =>
      saveDraft(h, p, as(p), { townshipId: org.a.id, year: 2024, baseVersion, edits }, at);

    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
      await seedSampleYear(h, org.a, 2024, NOW);
      staff = person(9001, 'township_staff', org.a, '王专干');
      leader = person(9002, 'township_leader', org.a, '李书记');
      officer = person(9003, 'county_officer', org.county, '赵科长');
      otherLeader = person(9004, 'township_leader', org.b, '钱镇长');
    });
    afterAll(async () => h.close());

    it('walks a report from draft through 签发, submission, a return, acceptance, 保密审查 and publication', async () => {
      const draft = await draftModel(h, staff, org.a.id, 2024, AT);
      // Before 签发 the leader sees what the county will see on arrival.
      const before = await reviewDraft(h, leader, org.a.id, 2024, AT, tools);
      expect(before.figures).toBeGreaterThan(10);
      expect(before.cross.map((c) => c.message)).toEqual([]);
      const para = draft.paragraphs.find((p) => p.key.startsWith('1|') && p.text.length > 20)!;
      const v1 = await save(staff, 0, { paragraphs: { [para.key]: `${para.text}（已核对）` } });
      expect(v1).toMatchObject({ version: 1, state: 'drafting' });
      // Figures are parts bound to their indicator, in the generated paragraphs and in one rewritten by hand.
      for (const p of draft.paragraphs) expect(p.parts.map((x) => x.text).join('')).toBe(p.text);
      const figureParts = (ps: typeof draft.paragraphs, key: string) =>
        ps.find((p) => p.key === key)!.parts.filter((x) => x.t === 'figure');
      expect(figureParts(draft.paragraphs, para.key).length).toBeGreaterThan(0);
      expect(draft.paragraphs.flatMap((p) => p.parts)).toContainEqual(
        expect.objectContaining({ t: 'figure', key: 'disputes.found', op: 'value' }),
      );
      const rewritten = (await draftModel(h, staff, org.a.id, 2024, AT)).paragraphs;
      expect(figureParts(rewritten, para.key)).toEqual(figureParts(draft.paragraphs, para.key));
      // A record entered after the save changes the generated draft: the change is shown.
      expect((await ledgerChanges(h, staff, org.a.id, 2024, AT)).changes).toEqual([]);
      await addRecord(h, org.a, 'publicity_event', {
        date: '2024-06-01',
        title: '新增宣传',
        data: { form: 'street' },
      });
      const moved = await ledgerChanges(h, staff, org.a.id, 2024, AT);
      expect(moved.since).toBe(1);
      expect(moved.changes.some((c) => c.kind === 'changed' && /普法宣传活动/.test(c.after ?? ''))).toBe(
        true,
      );

      // Nothing unsigned can be submitted; the refusal is kept in the history.
      await expect(step(staff, 'submit')).rejects.toThrow(/不能报送县依法治县办.*未经签发的报告不能报送/);
      // Another township's leader cannot even see it.
      await expect(
        takeStep(
          h,
          otherLeader,
          as(otherLeader),
          { townshipId: org.a.id, year: 2024, step: 'sign' },
          AT,
          tools,
        ),
      ).rejects.toThrow(/不存在或无权查看/);
      // Staff cannot sign.
      await expect(step(staff, 'sign')).rejects.toThrow(/无权签发/);

      await step(staff, 'request_signature');
      await expect(save(staff, 1, { other: ['改动'] })).rejects.toThrow(/待签发.*不能修改草稿/);
      await step(leader, 'sign');
      await step(staff, 'submit');
      let r = await cycleReport(h, officer, org.a.id, 2024);
      expect(r.state).toBe('submitted');
      expect(r.signedBy).toBe('李书记');
      expect(r.signedOn).toBe('2025-01-20');
      expect(r.review?.figures).toBeGreaterThan(10);
      expect(r.review?.cross.map((c) => c.message)).toEqual([]);
      expect(r.steps.map((s) => s.id).sort()).toEqual(['accept', 'return']);

      await expect(step(officer, 'return')).rejects.toThrow(/退回乡镇修改须写明意见/);
      const paras = (await draftModel(h, officer, org.a.id, 2024, AT)).paragraphs;
      const noted = paras.find((p) => p.key.startsWith('2|'))!;
      await expect(
        step(officer, 'return', { comment: '见批注', notes: [{ key: '9|没有|0', text: '不存在的段落' }] }),
      ).rejects.toThrow(/批注所指的段落/);
      await expect(
        step(officer, 'accept', { notes: [{ key: noted.key, text: '通过时不能批注' }] }),
      ).rejects.toThrow(/只有退回时/);
      await step(officer, 'return', {
        comment: '第二部分原因请核实后填写',
        notes: [
          { key: noted.key, text: '此处原因请写实' },
          { key: noted.key, text: '并补充整改时限' },
          { key: 'intro', text: '   ' },
        ],
      });
      r = await cycleReport(h, staff, org.a.id, 2024);
      expect(r.state).toBe('returned');
      expect(r.returned).toMatchObject({
        step: 'return',
        by: '县依法治县办',
        actor: '赵科长',
        comment: '第二部分原因请核实后填写',
        notes: [{ key: noted.key, text: '此处原因请写实\n并补充整改时限' }],
      });
      const v = await save(staff, r.version, { causes: { overdue_dispute: '当事人长期外出务工' } });
      expect(v.state).toBe('drafting');
      await step(staff, 'request_signature');
      expect((await cycleReport(h, staff, org.a.id, 2024)).returned).toBeNull();
      await step(leader, 'sign', {}, LATER);
      await step(staff, 'submit', {}, LATER);
      await step(officer, 'accept', {}, LATER);
      await expect(step(officer, 'publish', {}, LATER)).rejects.toThrow(/不能公开发布/);
      await expect(
        step(
          officer,
          'clear',
          { clearance: { reviewer: '孙保密', result: 'redacted', redactions: ['不存在的文字'] } },
          LATER,
        ),
      ).rejects.toThrow(/找不到要删除的文字/);
      await step(officer, 'clear', { clearance: { reviewer: '孙保密', result: 'passed' } }, LATER);
      await step(officer, 'publish', {}, LATER);

      const pub = await publicReport(h, org.a.code, 2024);
      expect(pub.text).toContain('甲镇人民政府关于2024年度');
      expect(pub.text).toContain('当事人长期外出务工');
      expect(pub.text).toContain('2025年2月10日');
      expect(pub.hasFile).toBe(true);

      r = await cycleReport(h, officer, org.a.id, 2024);
      expect(r.history.filter((e) => e.outcome === 'refused').map((e) => e.step)).toEqual(
        expect.arrayContaining(['submit', 'return', 'publish']),
      );
      const status = await cycleStatus(h, officer, 2024, LATER);
      expect(status.map((s) => [s.township, s.state])).toEqual([
        ['甲镇', 'published'],
        ['乙乡', 'not_started'],
      ]);
      const actions = (await entriesAfter(h.db, 0, 100_000)).map((e) => e.action);
      for (const a of [
        'report.draft.save',
        'report.sign',
        'report.submit',
        'report.return',
        'report.publish',
        'report.step.refused',
      ])
        expect(actions).toContain(a);
    });

    it('publishes a correction with redactions: the published .docx is masked, the signed original is not', async () => {
      let r = await cycleReport(h, staff, org.a.id, 2024);
      expect(r.state).toBe('published');
      const firstSigned = r.versions.filter((v) => v.kind === 'signed').at(-1)!.seq;
      await save(staff, r.version, { ...r.edits, other: ['更正：补充一项情况。'] }, LATER);
      await step(staff, 'request_signature', {}, LATER);
      // The leader may send it back with paragraph notes alone.
      await expect(step(leader, 'return_draft', {}, LATER)).rejects.toThrow(/须写明意见/);
      await step(leader, 'return_draft', { notes: [{ key: 'intro', text: '开头再精炼些' }] }, LATER);
      expect((await cycleReport(h, staff, org.a.id, 2024)).returned).toMatchObject({
        by: '乡镇主要负责人',
        comment: null,
        notes: [{ key: 'intro', text: '开头再精炼些' }],
      });
      await step(staff, 'request_signature', {}, LATER);
      await step(leader, 'sign', {}, LATER);
      await step(staff, 'submit', {}, LATER);
      await step(officer, 'accept', {}, LATER);
      await expect(
        step(
          officer,
          'clear',
          { clearance: { reviewer: '孙保密', result: 'redacted', redactions: ['甲\n镇'] } },
          LATER,
        ),
      ).rejects.toThrow(/不能跨段落/);
      await step(
        officer,
        'clear',
        { clearance: { reviewer: '孙保密', result: 'redacted', redactions: ['当事人长期外出务工'] } },
        LATER,
      );
      await expect(step(officer, 'publish', {}, LATER)).rejects.toThrow(/须写明更正说明/);
      await step(officer, 'publish', { correction: '补充第五部分' }, LATER);

      const pub = await publicReport(h, org.a.code, 2024);
      expect(pub.text).not.toContain('当事人长期外出务工');
      expect(pub.text).toContain('＊＊＊＊＊＊＊＊＊');
      expect(pub.hasFile).toBe(true);
      const file = await publicReportFile(h, org.a.code, 2024);
      const published = readDocx(file.bytes).document;
      expect(published).not.toContain('当事人长期外出务工');
      expect(published).toContain('＊＊＊＊＊＊＊＊＊');
      expect(published).toContain('更正：补充一项情况。');
      // The signed original the copy was made from keeps every word.
      r = await cycleReport(h, officer, org.a.id, 2024);
      const signed = r.versions.filter((v) => v.kind === 'signed').at(-1)!.seq;
      expect(signed).toBeGreaterThan(firstSigned);
      const original = await versionFile(h, officer, org.a.id, 2024, signed);
      expect(readDocx(original.bytes).document).toContain('当事人长期外出务工');
    });

    it('merges saves of different paragraphs and refuses a second save of the same one, with what changed', async () => {
      const staffB = person(9005, 'township_staff', org.b, '周专干');
      const p = (await draftModel(h, staffB, org.b.id, 2024, AT)).paragraphs;
      const saveB = (base: number, edits: unknown) =>
        saveDraft(h, staffB, as(staffB), { townshipId: org.b.id, year: 2024, baseVersion: base, edits }, AT);
      await saveB(0, { paragraphs: { intro: '开头一' } });
      const second = await saveB(0, { other: ['第五部分补充'] });
      expect(second).toMatchObject({ version: 2, merged: true });
      // Two people start from version 2 and change the opening: the second save is refused.
      expect(await saveB(2, { paragraphs: { intro: '开头甲' }, other: ['第五部分补充'] })).toMatchObject({
        version: 3,
        merged: false,
      });
      await expect(saveB(2, { paragraphs: { intro: '开头乙' }, other: ['第五部分补充'] })).rejects.toThrow(
        /已保存了第 3 版，并修改了相同的内容（intro）/,
      );
      const r = await cycleReport(h, staffB, org.b.id, 2024);
      expect(r.edits.paragraphs?.intro).toBe('开头甲');
      expect(r.edits.other).toEqual(['第五部分补充']);
      expect(r.version).toBe(3);
      // Any two versions compare paragraph by paragraph; an earlier one is restored as a new version.
      const changes = await compareVersions(h, staffB, org.b.id, 2024, 1, 3);
      expect(changes).toContainEqual({ kind: 'changed', before: '开头一', after: '开头甲' });
      const restored = await saveDraft(
        h,
        staffB,
        as(staffB),
        { townshipId: org.b.id, year: 2024, baseVersion: 3, edits: {}, restoreFrom: 1 },
        AT,
      );
      expect(restored.version).toBe(4);
      const back = await cycleReport(h, staffB, org.b.id, 2024);
      expect(back.edits.paragraphs?.intro).toBe('开头一');
      expect(back.versions.at(-1)?.note).toBe('恢复第 1 版');
      expect(p.length).toBeGreaterThan(5);
    });

    it('takes a report written outside fazhi from the county office, and refuses what is not a report', async () => {
      const text = new TextEncoder().encode(
        '乙乡人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全年开展普法宣传活动99次。\n二、存在的不足和原因\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n四、下一年度推进法治政府建设的主要安排\n五、其他需要报告的情况\n乙乡人民政府\n2025年1月20日\n',
      );
      const b = { townshipId: org.b.id, year: 2024 };
      // 乙乡's ledger has one publicity event; the report says 99.
      await addRecord(h, org.b, 'publicity_event', {
        date: '2024-03-15',
        title: '宪法宣传',
        data: { form: 'street' },
      });
      await expect(
        uploadReport(h, officer, as(officer), { ...b, fileName: 'x.pdf', bytes: text }, AT, tools),
      ).rejects.toThrow(/须为 .docx 或 .txt/);
      await expect(
        uploadReport(
          h,
          officer,
          as(officer),
          { ...b, fileName: 'x.txt', bytes: new Uint8Array(21 * 1024 * 1024) },
          AT,
          tools,
        ),
      ).rejects.toThrow(/超过 20 MB/);
      await expect(
        uploadReport(h, staff, as(staff), { ...b, fileName: 'x.txt', bytes: text }, AT, tools),
      ).rejects.toThrow(/无权/);
      const up = await uploadReport(
        h,
        officer,
        as(officer),
        { ...b, fileName: '乙乡.txt', bytes: text },
        AT,
        tools,
      );
      expect(up.state).toBe('submitted');
      // The ledger has no publicity events for 乙乡: the stated 99 is checked against it.
      const mismatch = up.review.cross.find((c) => c.key === 'publicity.events')!;
      expect(mismatch.message).toContain('99');
      expect(mismatch.ledger).toBe(1);

      // The county's 通报 and comparison workbook, from the reports reviewed together.
      const pack = await countyPack(h, officer, { year: 2024, now: LATER }, tools);
      const doc = readDocx(pack.bulletin).document;
      expect(doc).toContain('甲镇');
      expect(doc).toContain('乙乡');
      expect(doc).toContain('99');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(pack.comparison) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['指标对比', '数据出处', '提交与公开']);
      const sources = wb.getWorksheet('数据出处')!;
      const cells: string[] = [];
      sources.eachRow((row) => cells.push(row.values ? JSON.stringify(row.values) : ''));
      expect(cells.some((c) => c.includes('乙乡') && c.includes('99'))).toBe(true);
      await expect(countyPack(h, staff, { year: 2024, now: LATER }, tools)).rejects.toThrow(/无权/);

      // The upload's text is kept: the county reads it, and it is published, redacted, like a signed one.
      const uploaded = (await cycleReport(h, officer, org.b.id, 2024)).uploaded;
      expect(uploaded).toMatchObject({ fileName: '乙乡.txt' });
      expect(uploaded?.text).toContain('全年开展普法宣传活动99次。');
      const stepB = (s: string, extra: Record<string, unknown> = {}) =>
        takeStep(h, officer, as(officer), { ...b, step: s, ...extra }, LATER, tools);
      await stepB('accept');
      await stepB('clear', { clearance: { reviewer: '孙保密', result: 'redacted', redactions: ['99次'] } });
      await stepB('publish');
      const pub = await publicReport(h, org.b.code, 2024);
      expect(pub.text).toContain('全年开展普法宣传活动＊＊＊。');
      expect(pub.text).not.toContain('99次');
      const file = await publicReportFile(h, org.b.code, 2024);
      expect(new TextDecoder().decode(file.bytes)).toContain('全年开展普法宣传活动＊＊＊。');
    });
  });
}
