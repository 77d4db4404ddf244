import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import type { Org } from '../../services/orgs.ts';
import { codeHash } from '../../services/public/codes.ts';
import { portalCounty } from '../../services/public/portal.ts';
import type { AppDeps } from '../context.ts';
import { portalNotice, portalPage, type PortalSection } from './layout.ts';
import type { Html } from './html.ts';
import { noticeTitle } from '../errors.ts';

/** A county's site in a portal URL: `/public/:county/…`, the county's code. */
export const countyParams = z.object({ county: z.string().min(1).max(30) });

const HTML_TYPE = 'text/html; charset=utf-8';

/** Sends a portal page. */
export function sendPage(
  reply: FastifyReply,
  page: { title: string; county?: Org; section?: PortalSection; body: Html },
  status = 200,
): FastifyReply {
  return reply.code(status).type(HTML_TYPE).send(portalPage(page));
}

/**
 * Runs a portal page's handler and turns a UserError (a missing county, an unknown code, a
 * limit) into a portal page with the same status: the public never sees JSON or a stack.
 */
export async function pageOrNotice(
  reply: FastifyReply,
  county: Org | undefined,
  fn: () => Promise<FastifyReply>,
): Promise<FastifyReply> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return reply
      .code(e.status)
      .type(HTML_TYPE)
      .send(
        portalNotice({
          title: noticeTitle(e.status),
          message: e.message,
          ...(county ? { county } : {}),
        }),
      );
  }
}

/** One token of a public limit for `key` (an address, or a tracking code as given), or 429 with Retry-After (counted in the throttle log). */
export async function takePublic(
  deps: AppDeps,
  which: 'publicSubmit' | 'publicCode',
  key: string,
  reply: FastifyReply,
  now: Date,
): Promise<void> {
  // A code is counted by its hash, however it was typed: the limit's table never holds a code, and
  // dashes or case do not make a second bucket. A malformed code is a 404 before anything is counted.
  const bucket = which === 'publicCode' ? codeHash(key) : key;
  const wait = await deps.limits[which].check(bucket, now.getTime());
  if (wait === 0) return;
  reply.header('Retry-After', String(wait));
  deps.throttles.note(which, bucket, reply.request.ip, now.toISOString());
  throw new UserError(
    which === 'publicSubmit' ? '提交过于频繁，请稍后再试' : '该查询码的查询过于频繁，请稍后再试',
    'rate_limited',
    429,
  );
}

/**
 * A page of one county's site: the county by its code (a missing one answered outside any
 * county's frame), then `fn`, whose refusals are answered inside the county's own frame.
 */
export function countyPage(
  reply: FastifyReply,
  h: Db,
  code: string,
  fn: (county: Org) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  return pageOrNotice(reply, undefined, async () => {
    const county = await portalCounty(h, code);
    return pageOrNotice(reply, county, () => fn(county));
  });
}
