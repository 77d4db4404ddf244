import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionDraft, StarterQuestion } from '../../catalogue/questions.ts';
import { STARTER_BANK } from '../../catalogue/question-bank/index.ts';
import type { Db } from '../../db/connect.ts';
import { normaliseDraft } from '../../core/questions.ts';
import { seedStarterBank } from '../../db/question-seed.ts';
import { availableCounts, currentQuestions } from '../../db/questions.repo.ts';
import { testDatabases } from '../../testing/databases.ts';
import { addAccount } from '../../testing/fixtures.ts';
import { PASSWORD, principalOf, seedWorld, type World } from '../../testing/http.ts';
import type { Principal } from '../access.ts';
import { actorOf, listAudit } from '../audit.ts';
import {
  correctQuestion,
  createQuestion,
  listQuestions,
  questionCounts,
  retireQuestion,
  validateQuestion,
} from './questions.ts';

const AT = '2026-03-02T02:00:00.000Z';
const single: QuestionDraft = {
  law: 'admin_license',
  type: 'single',
  difficulty: 'medium',
  stem: '行政许可的实施机关应当自受理之日起多少日内作出决定？',
  options: ['十日', '十五日', '二十日', '三十日'],
  answer: [2],
  article: '第四十二条',
};

describe('validateQuestion', () => {
  const errors = (d: Partial<QuestionDraft>) => validateQuestion({ ...single, ...d });
  it('accepts a well-formed question', () => expect(errors({})).toEqual([]));
  it('names each problem in Chinese', () => {
    expect(errors({ answer: [] })).toEqual(['缺少答案']);
    expect(errors({ answer: [4] })).toEqual(['答案“E”不在选项中']);
    expect(errors({ law: '治安法' })[0]).toMatch(/^未知的法律法规“治安法”/);
    expect(errors({ answer: [0, 1] })).toEqual(['单选题只能有一个答案，收到“AB”']);
    expect(errors({ type: 'multiple', answer: [1] })).toEqual([
      '多选题至少要有两个正确答案；只有一个答案的请改为单选题',
    ]);
    expect(errors({ type: 'judge', options: ['对', '错'], answer: [0] })).toEqual([
      '判断题的选项应为“正确”“错误”，其他选项请留空',
    ]);
    expect(errors({ options: ['甲'], answer: [0] })).toEqual(['选择题至少要有 A、B 两个选项']);
    expect(errors({ options: ['甲', '', '丙'], answer: [0] })).toEqual(['选项B为空']);
    expect(errors({ stem: '题'.repeat(501) })).toEqual(['题干超过 500 字']);
    expect(errors({ options: ['甲', '乙'.repeat(201)], answer: [0] })).toEqual(['选项B超过 200 字']);
    expect(errors({ article: '42条' })[0]).toMatch(/^条文出处“42条”格式不对/);
    expect(errors({ article: '' })).toEqual(['缺少条文出处（如“第二十条”）']);
  });
  it('holds the starter bank to the same rules, each code once', () => {
    const problems = STARTER_BANK.flatMap((q) =>
      validateQuestion(normaliseDraft(q)).map((e) => `${q.code}: ${e}`),
    );
    expect(problems).toEqual([]);
    expect(new Set(STARTER_BANK.map((q) => q.code)).size).toBe(STARTER_BANK.length);
  });
  it('reads articles as the laws number them', () => {
    for (const article of ['第二十条', '第一千零四十二条第一款', '第八条第（三）项', '第九条、第十条'])
      expect(errors({ article })).toEqual([]);
  });
});

for (const tdb of testDatabases()) {
  describe(`question bank on ${tdb.name}`, () => {
    let h: Db;
    let w: World;
    let staff: Principal;
    let officer: Principal;
    let otherStaff: Principal;

    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      staff = principalOf(w, 'township_staff');
      officer = principalOf(w, 'county_officer');
      const u = await addAccount(h, {
        username: 'b.staff',
        name: '乙乡工作人员',
        role: 'township_staff',
        orgId: w.b.id,
        password: PASSWORD,
      });
      otherStaff = { id: u.id, username: u.username, role: u.role, orgId: w.b.id, orgPath: w.b.path };
    });
    afterAll(() => h.close());

    const act = (p: Principal) => actorOf(p, '10.0.0.1');
    const create = (p: Principal, d: QuestionDraft = single, orgId?: number) =>
      createQuestion(h, p, act(p), { draft: d, ...(orgId ? { orgId } : {}) }, AT);

    it('ships the starter bank into every database at migration', async () => {
      const r = await listQuestions(h, staff, {});
      expect(r.total).toBe(STARTER_BANK.length);
      expect(r.items.every((q) => q.source === '入门题库' && q.version === 1)).toBe(true);
    });

    it('stores a new question as version 1 under a generated code, audited without its text', async () => {
      const q = await create(staff);
      expect(q).toMatchObject({ code: `${w.a.code}-0001`, version: 1, current: true, source: '甲镇' });
      expect((await create(staff, { ...single, stem: '另一题' })).code).toBe(`${w.a.code}-0002`);
      const entry = (await listAudit(h, { limit: 10, order: 'desc' })).find(
        (e) => e.action === 'question.create',
      );
      expect(entry?.after).toEqual({
        id: expect.any(Number) as unknown,
        code: `${w.a.code}-0002`,
        version: 1,
        law: 'admin_license',
        type: 'single',
      });
      expect(JSON.stringify(entry)).not.toContain('另一题');
    });

    it('refuses a malformed question with every reason, and a role without exams.manage', async () => {
      await expect(create(staff, { ...single, answer: [5], law: '治安法' })).rejects.toMatchObject({
        status: 400,
        message: expect.stringContaining('答案“F”不在选项中') as unknown,
      });
      await expect(create(principalOf(w, 'legal_adviser'))).rejects.toMatchObject({ status: 403 });
    });

    it('keeps the old version when a question is corrected', async () => {
      const q = await create(staff, { ...single, stem: '待修正的题QX' });
      const fixed = await correctQuestion(
        h,
        staff,
        act(staff),
        q.id,
        { ...single, stem: '修正后的题QX' },
        AT,
      );
      expect(fixed).toMatchObject({ code: q.code, version: 2, current: true, stem: '修正后的题QX' });
      const rows = await h.db
        .selectFrom('questions')
        .select(['id', 'version', 'current', 'stem'])
        .where('code', '=', q.code)
        .orderBy('version')
        .execute();
      expect(rows).toEqual([
        { id: q.id, version: 1, current: 0, stem: '待修正的题QX' },
        { id: fixed.id, version: 2, current: 1, stem: '修正后的题QX' },
      ]);
      const listed = await listQuestions(h, staff, { q: '修正后的题QX' });
      expect(listed.items.map((i) => i.id)).toEqual([fixed.id]);
      await expect(correctQuestion(h, staff, act(staff), q.id, single, AT)).rejects.toMatchObject({
        status: 409,
      });
      await expect(
        correctQuestion(h, staff, act(staff), fixed.id, { ...single, stem: '修正后的题QX' }, AT),
      ).rejects.toMatchObject({ status: 409, message: '题目内容没有改动' });
    });

    it('refuses to edit or retire the starter bank', async () => {
      const starter = (await listQuestions(h, staff, { orgId: undefined })).items.at(-1)!;
      expect(starter.source).toBe('入门题库');
      await expect(correctQuestion(h, staff, act(staff), starter.id, single, AT)).rejects.toMatchObject({
        status: 403,
        message: expect.stringContaining('入门题库') as unknown,
      });
      await expect(retireQuestion(h, staff, act(staff), starter.id, AT)).rejects.toMatchObject({
        status: 403,
      });
    });

    it('keeps another township’s questions out of sight; the county’s serve its townships', async () => {
      const theirs = await create(otherStaff, { ...single, stem: '乙乡自己的题' });
      expect((await listQuestions(h, staff, { q: '乙乡自己的题' })).total).toBe(0);
      expect((await listQuestions(h, otherStaff, { q: '乙乡自己的题' })).total).toBe(1);
      await expect(correctQuestion(h, staff, act(staff), theirs.id, single, AT)).rejects.toMatchObject({
        status: 404,
      });
      await expect(listQuestions(h, staff, { orgId: w.b.id })).rejects.toMatchObject({ status: 403 });
      await expect(listQuestions(h, staff, { orgId: w.c.id })).rejects.toMatchObject({ status: 403 });

      const county = await create(officer, { ...single, stem: '县里统一的题' }, w.county.id);
      expect((await listQuestions(h, staff, { q: '县里统一的题' })).items[0]).toMatchObject({
        source: '测试县',
      });
      expect((await listQuestions(h, otherStaff, { q: '县里统一的题' })).total).toBe(1);
      await expect(correctQuestion(h, staff, act(staff), county.id, single, AT)).rejects.toMatchObject({
        status: 403,
        message: expect.stringContaining('测试县') as unknown,
      });
      // The county reaches into its townships' banks.
      expect((await listQuestions(h, officer, { orgId: w.b.id, q: '乙乡自己的题' })).total).toBe(1);
      await correctQuestion(
        h,
        officer,
        act(officer),
        theirs.id,
        { ...single, stem: '乙乡自己的题（县里改）' },
        AT,
      );
    });

    it('retires a question: no longer drawn, counted or listed; the row stays', async () => {
      const q = await create(staff, { ...single, law: 'land', article: '第六十二条' });
      const before = await availableCounts(h.db, w.a.id);
      const land = () => before.find((c) => c.law === 'land' && c.type === 'single')?.n ?? 0;
      expect(land()).toBeGreaterThanOrEqual(1);
      expect(
        (await currentQuestions(h.db, w.a.id, { law: 'land', type: 'single' })).map((r) => r.id),
      ).toContain(q.id);
      const retired = await retireQuestion(h, staff, act(staff), q.id, AT);
      expect(retired).toMatchObject({ current: false, retiredAt: AT });
      expect(
        (await currentQuestions(h.db, w.a.id, { law: 'land', type: 'single' })).map((r) => r.id),
      ).not.toContain(q.id);
      const after = await questionCounts(h, staff, undefined);
      expect(after.items.find((c) => c.law === 'land' && c.type === 'single')?.n ?? 0).toBe(land() - 1);
      await expect(retireQuestion(h, staff, act(staff), q.id, AT)).rejects.toMatchObject({ status: 409 });
    });

    it('seeds the starter bank idempotently, versioning changed questions and retiring dropped ones', async () => {
      expect(await seedStarterBank(h.db, AT)).toEqual({ added: 0, corrected: 0, retired: 0 });
      const [first, second] = STARTER_BANK as [StarterQuestion, StarterQuestion];
      const next: StarterQuestion[] = [
        { ...first, stem: `${first.stem}（修订）` },
        { ...single, code: 'NEW-001' },
      ];
      const dropped = STARTER_BANK.length - 1;
      expect(await seedStarterBank(h.db, AT, next)).toEqual({ added: 1, corrected: 1, retired: dropped });
      expect(await seedStarterBank(h.db, AT, next)).toEqual({ added: 0, corrected: 0, retired: 0 });
      const rows = await h.db
        .selectFrom('questions')
        .select(['code', 'version', 'current', 'retired_at'])
        .where('owner', '=', 0)
        .where('code', 'in', [first.code, second.code, 'NEW-001'])
        .orderBy('code')
        .orderBy('version')
        .execute();
      expect(rows).toEqual(
        [
          { code: first.code, version: 1, current: 0, retired_at: null },
          { code: first.code, version: 2, current: 1, retired_at: null },
          { code: 'NEW-001', version: 1, current: 1, retired_at: null },
          { code: second.code, version: 1, current: 0, retired_at: AT },
        ].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.version - b.version)),
      );
      // Shipped again: the dropped code comes back as a new version.
      expect(await seedStarterBank(h.db, AT)).toEqual({ added: dropped, corrected: 1, retired: 1 });
    });
  });
}
