import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MESSAGE_KINDS, listMessages, markMessagesRead } from '../../services/messages.ts';
import { route } from '../route.ts';

const listQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  kind: z.enum(Object.keys(MESSAGE_KINDS) as [string, ...string[]]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const readBody = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

/** The message centre: the user's own reminders, read or unread. */
export function registerMessageRoutes(app: FastifyInstance): void {
  const tag = '待办与提醒';
  route(
    app,
    {
      method: 'GET',
      url: '/messages',
      summary: '本人的消息（到期、逾期提醒，每日待办，导入失败），新的在前，含未读数',
      tag,
      access: 'session',
      query: listQuery,
    },
    async ({ deps, query, user }) =>
      listMessages(deps.h, user, {
        unreadOnly: query.unread === 'true',
        kind: query.kind,
        limit: query.limit,
        offset: query.offset,
      }),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/messages/read',
      summary: '将本人的消息标为已读（所列的几条，或全部）',
      tag,
      access: 'session',
      body: readBody,
    },
    async ({ deps, body, user, at }) => markMessagesRead(deps.h, user, 'all' in body ? 'all' : body.ids, at),
  );
}
