import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { previewCalendar, readCalendarSource } from '../../services/calendar-preview.ts';
import { calendarCoverage, calendarYear, replaceCalendarYears } from '../../services/calendar.ts';
import { route } from '../route.ts';
import { isoDate, year } from '../schemas.ts';

const yearQuery = z.object({ year });

// A notice is a page of text; a whole-decade ICS file stays well under the JSON body limit.
const source = z.union([
  z.object({ text: z.string().min(1).max(50_000) }).strict(),
  z
    .object({
      file: z.string().min(1).max(900_000),
      format: z.enum(['json', 'ics']),
      name: z.string().min(1).max(120).optional(),
    })
    .strict(),
]);

const entry = z.object({
  date: isoDate,
  kind: z.enum(['holiday', 'workday']),
  name: z.string().min(1).max(20),
});
const confirmed = z.object({
  arrangements: z
    .array(
      z.object({
        year,
        source: z.string().min(1).max(200),
        entries: z.array(entry).min(1).max(400),
      }),
    )
    .min(1)
    .max(30),
});

/** The holiday calendar: read by every role, updated by the system administrator only. */
export function registerCalendarRoutes(app: FastifyInstance): void {
  const tag = '节假日安排';
  route(
    app,
    {
      method: 'GET',
      url: '/calendar',
      summary: '某年的放假日和调休上班日、来源；无官方安排的年份按法定节日并标注',
      tag,
      access: 'calendar.read',
      query: yearQuery,
    },
    async ({ deps, query, user }) => ({
      ...(await calendarYear(deps.h, user, query.year)),
      coverage: await calendarCoverage(deps.h, user),
    }),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/calendar/preview',
      summary: '读取粘贴的国务院办公厅通知或 JSON/ICS 日历文件，列出与现有安排的差别（不保存）',
      tag,
      access: 'calendar.write',
      body: source,
    },
    async ({ deps, body, user }) => ({
      years: await previewCalendar(deps.h, user, readCalendarSource(body)),
    }),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/calendar',
      summary: '保存确认后的节假日安排，并重新计算在办案件的期限',
      tag,
      access: 'calendar.write',
      body: confirmed,
    },
    async ({ deps, body, user, actor, at }) => {
      const r = await replaceCalendarYears(deps.h, user, actor, body, at);
      return { ...r, moved: r.changed.length };
    },
  );
}
