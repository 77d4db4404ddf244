import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_BANK } from '../catalogue/question-bank/index.ts';
import type { Db } from '../db/connect.ts';
import { QUESTION_HEADERS } from '../services/exams/question-xlsx.ts';
import { testDatabases } from '../testing/databases.ts';
import {
  seedWorld,
  signIn,
  testApp,
  usernameOf,
  type Client,
  type ErrorBody,
  type World,
} from '../testing/http.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const draft = {
  law: '行政强制法',
  type: 'single',
  difficulty: 'medium',
  stem: '行政强制措施由法律、法规规定的（　）在法定职权范围内实施。',
  options: ['行政机关', '事业单位', '村民委员会'],
  answer: [0],
  article: '第十七条',
};

interface Listed {
  items: { id: number; code: string; version: number; law: string; source: string }[];
  total: number;
}

for (const tdb of testDatabases()) {
  describe(`/api/questions on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    let staff: Client;
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      app = await testApp(h);
      staff = await signIn(app, usernameOf('township_staff'));
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('adds, corrects and retires a question; the list shows the current version', async () => {
      const made = await staff.request({ method: 'POST', url: '/api/questions', payload: { draft } });
      expect(made.statusCode).toBe(201);
      const q = made.json<{ id: number; code: string; version: number; law: string }>();
      expect(q).toMatchObject({ code: `${w.a.code}-0001`, version: 1, law: 'admin_coercion' });

      const fixed = await staff.request({
        method: 'PUT',
        url: `/api/questions/${q.id}`,
        payload: { ...draft, options: [...draft.options, '居民委员会'] },
      });
      expect(fixed.statusCode).toBe(200);
      const v2 = fixed.json<{ id: number; version: number }>();
      expect(v2.version).toBe(2);

      const list = (
        await staff.request({ method: 'GET', url: `/api/questions?law=admin_coercion&q=${q.code}` })
      ).json<Listed>();
      expect(list.items.filter((i) => i.code === q.code).map((i) => i.version)).toEqual([2]);

      const gone = await staff.request({ method: 'DELETE', url: `/api/questions/${v2.id}` });
      expect(gone.statusCode).toBe(200);
      const after = (
        await staff.request({ method: 'GET', url: `/api/questions?q=${encodeURIComponent('行政强制措施')}` })
      ).json<Listed>();
      expect(after.items.filter((i) => i.code === q.code)).toEqual([]);
    });

    it('answers a malformed question with the reasons in Chinese', async () => {
      const r = await staff.request({
        method: 'POST',
        url: '/api/questions',
        payload: { draft: { ...draft, answer: [4], law: '不存在的法' } },
      });
      expect(r.statusCode).toBe(400);
      const body = r.json<ErrorBody>();
      expect(body.error.message).toContain('答案“E”不在选项中');
      expect(body.error.message).toContain('未知的法律法规“不存在的法”');
    });

    it('counts per law and type, and refuses another county’s bank', async () => {
      const counts = await staff.request({ method: 'GET', url: '/api/questions/counts' });
      expect(counts.statusCode).toBe(200);
      const c = counts.json<{ items: { law: string; type: string; n: number }[]; total: number }>();
      expect(c.total).toBe(STARTER_BANK.length);
      expect(c.items.reduce((n, i) => n + i.n, 0)).toBe(c.total);
      const other = await staff.request({ method: 'GET', url: `/api/questions?orgId=${w.c.id}` });
      expect(other.statusCode).toBe(403);
    });

    it('serves the template and the export, and imports a file all or nothing', async () => {
      const template = await staff.request({ method: 'GET', url: '/api/questions/template' });
      expect(template.statusCode).toBe(200);
      expect(template.headers['content-type']).toBe(XLSX);
      const imported = await staff.request({
        method: 'POST',
        url: `/api/questions/import?name=${encodeURIComponent('模板.xlsx')}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: template.rawPayload,
      });
      expect(imported.statusCode).toBe(200);
      expect(imported.json()).toMatchObject({ rows: 2, created: 2, errors: [] });

      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('题库');
      ws.addRow([...QUESTION_HEADERS]);
      ws.addRow(['', '宪法', '单选题', '中等', '缺答案', '甲', '乙', null, null, null, null, '', '第二条']);
      const bad = await staff.request({
        method: 'POST',
        url: `/api/questions/import?name=${encodeURIComponent('题库.xlsx')}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from(await wb.xlsx.writeBuffer()),
      });
      expect(bad.statusCode).toBe(200);
      expect(bad.json()).toMatchObject({
        created: 0,
        errors: [{ sheet: '题库', row: 2, message: '缺少答案' }],
      });

      const exported = await staff.request({ method: 'GET', url: '/api/questions/export' });
      expect(exported.statusCode).toBe(200);
      const back = new ExcelJS.Workbook();
      await back.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      expect(back.getWorksheet('题库')!.rowCount).toBe(1 + STARTER_BANK.length + 2);
    });
  });
}
