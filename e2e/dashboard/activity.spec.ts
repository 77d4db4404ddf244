import type { Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

describe.runIf(chromiumAvailable())('乡镇工作台', () => {
  const e = useE2E({ username: 't01.staff' });

  it('draws the monthly chart from /api/activity and counts missing evidence over the year', async () => {
    const { page } = e.s;
    // The dashboard that signing in lands on reads the same answers: they must have arrived before
    // counting starts. A load state cannot tell: signing in changes the page without loading a new
    // document, so that document's network went idle before the dashboard's first request.
    await page.waitForURL(/\/dashboard$/);
    await page.locator('.missing-evidence .ant-card-extra .ant-tag').waitFor();
    await page.locator('.echart[data-drawn]').first().waitFor({ timeout: 30_000 });
    const seen: string[] = [];
    const record = (r: Response) => {
      if (r.url().includes('/api/')) seen.push(new URL(r.url()).pathname + new URL(r.url()).search);
    };
    page.on('response', record);
    // The dashboard's own answer: one the page before the navigation asked for has no body left
    // to read once the page is gone, so the body is read as the answer arrives.
    type Activity = { groups: { label: string; total: number }[] };
    const activity = new Promise<{ status: number; body: Activity }>((resolve) => {
      const take = (r: Response) => {
        if (new URL(r.url()).pathname !== '/api/activity') return;
        r.json().then(
          (body: unknown) => {
            page.off('response', take);
            resolve({ status: r.status(), body: body as Activity });
          },
          () => undefined,
        );
      };
      page.on('response', take);
    });
    await page.goto(`${e.server.url}/dashboard`);
    const answer = await activity;
    expect(answer.status).toBe(200);
    const body = answer.body;
    expect(body.groups.length).toBeGreaterThan(3);

    await page.locator('.echart[data-drawn]').first().waitFor({ timeout: 30_000 });
    const card = page.locator('.missing-evidence');
    await card.locator('.ant-card-extra .ant-tag').waitFor();
    expect(await card.locator('.card-note').innerText()).toContain('全年');
    await page.waitForLoadState('networkidle');
    page.off('response', record);

    // One aggregate and one filtered page instead of the ledger read page by page and a request per record.
    const records = seen.filter((u) => u.startsWith('/api/records'));
    expect(records.filter((u) => u.includes('limit=500'))).toEqual([]);
    expect(records.filter((u) => /\/api\/records\/\d+\/evidence/.test(u))).toEqual([]);
    expect(records.filter((u) => u.includes('missingEvidence=true'))).toHaveLength(1);
    expect(seen.filter((u) => u.startsWith('/api/activity'))).toHaveLength(1);
    await e.s.screenshot('dashboard-activity');
    expectNoConsoleErrors(e);
  });
});
