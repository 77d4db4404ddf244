import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { actorOf } from '../../src/services/audit.ts';
import { createRecord, editRecord } from '../../src/services/ledger-writes.ts';
import { requireOrg } from '../../src/services/orgs.ts';
import { findUser } from '../../src/services/users.ts';
import { chooseOption, chromiumAvailable } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

describe.runIf(chromiumAvailable())('审计日志', () => {
  const e = useE2E({ username: 'auditor' });

  it('filters to one account, shows a before/after in Chinese and exports with the chain’s head', async () => {
    const { page } = e.s;
    const { h } = e.server;
    // A township clerk enters a record and corrects it, through the audited services.
    const u = await findUser(h, 't01.staff');
    const org = await requireOrg(h, u.orgId);
    const staff = {
      id: u.id,
      username: u.username,
      name: u.name,
      role: u.role,
      orgId: org.id,
      orgPath: org.path,
    };
    const now = new Date().toISOString();
    const rec = await createRecord(
      h,
      staff,
      actorOf(staff, '10.1.2.3'),
      {
        kind: 'dispute',
        draft: {
          date: `${e.server.year}-03-02`,
          title: '审计测试纠纷',
          data: { disputeType: 'other', status: 'pending' },
        },
      },
      now,
    );
    await editRecord(
      h,
      staff,
      actorOf(staff, '10.1.2.3'),
      rec.id,
      {
        date: `${e.server.year}-03-02`,
        title: '审计测试纠纷（已更正）',
        data: { disputeType: 'other', status: 'resolved' },
      },
      now,
    );

    await page.goto(`${e.server.url}/admin/audit`);
    await page.locator('.audit-table .ant-table-row').first().waitFor();
    await page.getByLabel('账号').click();
    await chooseOption(page, `${u.name}（t01.staff）`);
    const rows = page.locator('.audit-table .ant-table-row');
    // Only the clerk's entries are left, newest first, every action in Chinese.
    await expect
      .poll(async () => (await rows.allInnerTexts()).every((t) => t.includes('t01.staff')))
      .toBe(true);
    const texts = await rows.allInnerTexts();
    expect(texts[0]).toContain('修改台账记录');
    expect(texts[0]).toContain('乡镇法治专干');
    expect(texts[0]).toContain('审计测试纠纷（已更正）');
    expect(texts.join('\n')).not.toMatch(/township_staff|record\.update|record\.create/);

    await rows.first().locator('.ant-table-row-expand-icon').click();
    const diff = page.locator('.audit-diff').first();
    await diff.waitFor();
    const changed = await diff.locator('.audit-diff-changed').allInnerTexts();
    expect(changed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/标题\s+审计测试纠纷\s+审计测试纠纷（已更正）/),
        expect.stringMatching(/调处状态\s+调处中\s+调解成功/),
      ]),
    );
    await e.s.screenshot('admin-audit-diff');

    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出 Excel/ }).click(),
    ]);
    expect(dl.suggestedFilename()).toMatch(/^审计日志\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await dl.path())) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    const last = ws.getRow(ws.rowCount);
    const actions: unknown[] = [];
    // The filtered lines are the clerk's only; the last row is the chain's head as it stood.
    for (let r = 2; r < ws.rowCount; r++) {
      expect(ws.getRow(r).getCell(3).value).toBe('t01.staff');
      actions.push(ws.getRow(r).getCell(7).value);
    }
    expect(actions).toEqual(expect.arrayContaining(['新增台账记录', '修改台账记录']));
    expect(last.getCell(7).value).toBe('审计日志链头');
    const headSeq = Number(last.getCell(1).value);
    const stored = await h.db
      .selectFrom('audit_log')
      .select(['seq', 'hash', 'action'])
      .where('seq', '>=', headSeq)
      .orderBy('seq')
      .execute();
    expect(last.getCell(11).value).toBe(stored[0]!.hash);
    // The export is itself audited, right after the head it printed.
    expect(stored[1]).toMatchObject({ seq: headSeq + 1, action: 'audit.export' });
    expectNoConsoleErrors(e);
  });
});
