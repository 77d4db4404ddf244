import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { unreadMessages } from '../../services/messages.ts';
import { TODO_CATEGORIES, todoList, type TodoCategory } from '../../services/todo.ts';
import { route } from '../route.ts';

const todoQuery = z.object({
  days: z.coerce.number().int().min(0).max(366).default(7),
  category: z.enum(Object.keys(TODO_CATEGORIES) as [TodoCategory, ...TodoCategory[]]).optional(),
});

/** 待办: every role's list within its scope, and the header's badge. */
export function registerTodoRoutes(app: FastifyInstance): void {
  const tag = '待办与提醒';
  route(
    app,
    {
      method: 'GET',
      url: '/todo',
      summary:
        '本人待办：逾期和即将到期的案件、待签发或待审核的报告、被退回的报告、缺少佐证材料的活动、导入失败，按紧急程度排序',
      tag,
      access: 'session',
      query: todoQuery,
    },
    async ({ deps, query, user, at }) => todoList(deps.h, user, at, query),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/todo/badge',
      summary: '页头徽标：待办事项数（7日内到期及逾期等）和未读消息数',
      tag,
      access: 'session',
    },
    async ({ deps, user, at }) => {
      const list = await todoList(deps.h, user, at);
      return {
        todo: list.total,
        urgent: list.counts.overdue + list.counts.due,
        unread: await unreadMessages(deps.h, user),
      };
    },
  );
}
