import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { NOW, addAccount, addRecord, smallCounty } from '../testing/fixtures.ts';
import type { Principal } from './access.ts';
import { actorOf, auditHead, verifyAudit } from './audit.ts';
import { auditFacets, auditPage } from './audit-read.ts';
import { chinaTime, exportAuditXlsx } from './audit-xlsx.ts';
import { editRecord } from './ledger-writes.ts';
import type { Org } from './orgs.ts';

const PASSWORD = 'Audit#Read2024';
const at = (min: number) => new Date(Date.parse(NOW) + min * 60_000).toISOString();

for (const tdb of testDatabases()) {
  describe(`the auditor's audit log on ${tdb.name}`, () => {
    let h: Db;
    let auditor: Principal;
    let staff: Principal;
    let a: Org;
    let recordId = 0;
    beforeAll(async () => {
      h = await tdb.open();
      const w = await smallCounty(h);
      a = w.a;
      const principal = (id: number, username: string, role: string, org: Org): Principal => ({
        id,
        username,
        role,
        orgId: org.id,
        orgPath: org.path,
      });
      const au = await addAccount(h, {
        username: 'audit.one',
        name: '审计员甲',
        role: 'auditor',
        orgId: w.county.id,
        password: PASSWORD,
      });
      const st = await addAccount(h, {
        username: 'staff.wang',
        name: '王专干',
        role: 'township_staff',
        orgId: a.id,
        password: PASSWORD,
      });
      auditor = principal(au.id, au.username, 'auditor', w.county);
      staff = principal(st.id, st.username, 'township_staff', a);
      const rec = await addRecord(h, a, 'dispute', {
        date: '2024-01-10',
        title: '邻里纠纷',
        data: { disputeType: 'neighbour', status: 'pending' },
      });
      recordId = rec.id;
      await editRecord(
        h,
        staff,
        actorOf(staff, '10.0.0.9'),
        rec.id,
        { date: '2024-01-10', title: '邻里排水纠纷', data: { disputeType: 'neighbour', status: 'resolved' } },
        at(5),
      );
    });
    afterAll(async () => h.close());

    it('lists newest first, every action, role and object in Chinese, with the fields changed', async () => {
      const { items, total } = await auditPage(h, auditor, {}, { limit: 2, offset: 0 });
      expect(total).toBe(4);
      expect(items.map((e) => e.seq)).toEqual([4, 3]);
      const update = items[0]!;
      expect(update).toMatchObject({
        action: 'record.update',
        actionLabel: '修改台账记录',
        actor: 'staff.wang',
        actorName: '王专干',
        roleLabel: '乡镇法治专干',
        targetLabel: '台账记录',
        targetName: '邻里排水纠纷',
      });
      const changed = update.changes.filter((c) => c.changed);
      expect(changed).toEqual(
        expect.arrayContaining([
          { field: 'title', label: '标题', before: '邻里纠纷', after: '邻里排水纠纷', changed: true },
          expect.objectContaining({ field: 'data.status', before: '调处中', after: '调解成功' }),
        ]),
      );
      expect(changed.find((c) => c.field === 'data.status')?.label).toMatch(/[\u4e00-\u9fa5]/);
      // The console's own entries: the account it made is named, the role is the console's.
      const create = items[1]!;
      expect(create).toMatchObject({ action: 'record.create', roleLabel: '命令行（系统）' });
      const older = await auditPage(h, auditor, {}, { limit: 2, offset: 2 });
      expect(older.items.map((e) => [e.seq, e.actionLabel, e.targetName])).toEqual([
        [2, '创建账号', '王专干（staff.wang）'],
        [1, '创建账号', '审计员甲（audit.one）'],
      ]);
    });

    it('filters by account, action, object and date', async () => {
      const page = { limit: 50, offset: 0 };
      expect((await auditPage(h, auditor, { actor: 'staff.wang' }, page)).items.map((e) => e.seq)).toEqual([
        4,
      ]);
      expect((await auditPage(h, auditor, { action: 'user.create' }, page)).total).toBe(2);
      const object = { targetType: 'record', targetId: String(recordId) };
      expect((await auditPage(h, auditor, object, page)).items.map((e) => e.action)).toEqual([
        'record.update',
        'record.create',
      ]);
      expect((await auditPage(h, auditor, { from: at(1), to: at(10) }, page)).total).toBe(1);
      const facets = await auditFacets(h, auditor);
      expect(facets.actions).toEqual(
        expect.arrayContaining([{ action: 'record.update', label: '修改台账记录' }]),
      );
      expect(facets.actors).toEqual(
        expect.arrayContaining([{ username: 'staff.wang', name: '王专干', entries: 1 }]),
      );
      expect(facets.targetTypes).toEqual(
        expect.arrayContaining([
          { type: 'record', label: '台账记录' },
          { type: 'user', label: '账号' },
        ]),
      );
    });

    it('is the auditor’s alone', async () => {
      await expect(auditPage(h, staff, {}, { limit: 10, offset: 0 })).rejects.toMatchObject({ status: 403 });
      await expect(exportAuditXlsx(h, staff, actorOf(staff, null), at(20), {})).rejects.toMatchObject({
        status: 403,
      });
    });

    it('exports to .xlsx ending with the chain’s head, and audits the export', async () => {
      const head = await auditHead(h);
      const out = await exportAuditXlsx(h, auditor, actorOf(auditor, '10.0.0.2'), at(30), {
        actor: 'staff.wang',
      });
      expect(out).toMatchObject({ entries: 1, head });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(out.bytes as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('审计日志')!;
      const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
      expect(rows).toHaveLength(3);
      const [header, line, last] = rows.map((r) => r.slice(1));
      expect(header).toEqual([
        '序号',
        '时间（北京时间）',
        '账号',
        '姓名',
        '角色',
        '地址',
        '操作',
        '对象类型',
        '对象',
        '变更内容',
        '哈希',
      ]);
      expect(line!.slice(0, 9)).toEqual([
        4,
        chinaTime(at(5)),
        'staff.wang',
        '王专干',
        '乡镇法治专干',
        '10.0.0.9',
        '修改台账记录',
        '台账记录',
        '邻里排水纠纷',
      ]);
      expect(String(line![9])).toContain('标题：邻里纠纷 → 邻里排水纠纷');
      expect(last![0]).toBe(head.seq);
      expect(last![6]).toBe('审计日志链头');
      expect(last![10]).toBe(head.hash);
      const newest = (await auditPage(h, auditor, {}, { limit: 1, offset: 0 })).items[0]!;
      expect(newest).toMatchObject({
        seq: head.seq + 1,
        action: 'audit.export',
        actionLabel: '导出审计日志',
        actor: 'audit.one',
        roleLabel: '安全审计员',
      });
      expect(await verifyAudit(h)).toMatchObject({ ok: true, count: head.seq + 1 });
    });
  });
}
