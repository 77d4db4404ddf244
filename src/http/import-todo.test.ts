import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { seedWorld, signIn, testApp, usernameOf, type Client, type World } from '../testing/http.ts';

interface Todo {
  items: { category: string; title: string; detail: string }[];
}

/** A CSV of publicity events in the template's columns, the date of its one row as given. */
const csv = (date: string) =>
  Buffer.from(`＊活动日期,＊活动主题,＊活动形式,发放资料\r\n${date},宪法宣传,集中宣传,100\r\n`);

for (const tdb of testDatabases()) {
  describe(`a failed import in the 待办 on ${tdb.name}`, () => {
    let h: Db;
    let w: World;
    let app: FastifyInstance;
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
    const upload = (body: Buffer, extra = '') =>
      staff.request({
        method: 'POST',
        url: `/api/imports?township=${w.a.id}&kind=publicity_event&name=${encodeURIComponent('宣传台账.csv')}${extra}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: body,
      });
    const imports = async () =>
      (await staff.request({ method: 'GET', url: '/api/todo' }))
        .json<Todo>()
        .items.filter((i) => i.title.includes('宣传台账.csv'));

    it('stays in the 待办 with its problems until an import goes through; a dry run changes nothing', async () => {
      const bad = await upload(csv('2024-13-45'));
      expect(bad.json()).toMatchObject({ inserted: 0 });
      expect(bad.json<{ errors: unknown[] }>().errors.length).toBeGreaterThan(0);
      const [item] = await imports();
      expect(item?.title).toContain('导入失败');
      expect(item?.detail).toContain('共 1 处问题');
      await upload(csv('2024-05-01'), '&dryRun=true');
      expect(await imports()).toHaveLength(1);
      const good = await upload(csv('2024-05-01'));
      expect(good.json()).toMatchObject({ inserted: 1 });
      expect(await imports()).toEqual([]);
    });
  });
}
