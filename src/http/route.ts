import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { todayOf } from '../core/dates.ts';
import { UserError } from '../core/errors.ts';
import type { Scope } from '../core/scope.ts';
import { can, isSecurityRole, scopeOf, type Action } from '../services/access.ts';
import type { ChangeNote } from '../db/change-feed.repo.ts';
import { actorOf, type AuditActor } from '../services/audit.ts';
import { authenticate, tokenMatches, type Authenticated, type SessionUser } from '../services/sessions.ts';
import type { Db } from '../db/connect.ts';
import type { Writes } from './cache.ts';
import type { AppDeps } from './context.ts';
import { CSRF_HEADER, SESSION_COOKIE, parseCookies } from './cookies.ts';
import { RequestValidationError } from './errors.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** `public`: no session needed; `session`: any signed-in user, even one who must still change the initial password. */
export type Access = Action | 'public';

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  readonly method: Method;
  readonly url: string;
  /** Chinese summary for the OpenAPI document. */
  readonly summary: string;
  readonly tag: string;
  readonly access: Access;
  readonly body?: B;
  readonly query?: Q;
  readonly params?: P;
  /** A raw file upload (`application/octet-stream` or a declared type) of at most this many bytes. */
  readonly upload?: { readonly maxBytes: number; readonly types?: readonly string[] };
  /** What a successful answer is: JSON (default) or a file of this type. */
  readonly produces?: string;
  readonly status?: 200 | 201;
  /**
   * Cache the JSON answer per user and URL until the next write (see cache.ts). Only for answers
   * that depend on nothing else (not the time of day); such a handler must not
   * use the reply (concurrent requests share one computation). `'cases'`: the answer reads only
   * cases and the calendar, so a write of new ledger records leaves it standing.
   */
  readonly cache?: true | 'cases';
  /**
   * What a write changes, when it only adds ledger records (no case, account or calendar): cached
   * answers that read only cases stay. Without it a write may change anything in the writer's scope.
   */
  readonly writes?: 'new-records';
  /**
   * A read that may be served by the read replica (`serve --db-read`): the handler reads through
   * `read` and writes (audit entries) through `deps.h`. The user's own recent writes are always seen
   * (see db/read-routing.ts).
   */
  readonly replica?: boolean;
  /**
   * Answered at once, without waiting for a turn (see admission.ts): the health check, so that a
   * busy server is not taken for a dead one.
   */
  readonly unqueued?: true;
}

export type RouteInfo = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

export interface PublicContext<B, Q, P> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  readonly ip: string;
  readonly now: Date;
  readonly req: FastifyRequest;
  readonly reply: FastifyReply;
  readonly deps: AppDeps;
}

export interface RouteContext<B, Q, P> extends PublicContext<B, Q, P> {
  readonly auth: Authenticated;
  readonly user: SessionUser;
  readonly scope: Scope;
  /** The user and address, for audit entries. */
  readonly actor: AuditActor;
  /** ISO time of the request, for stored timestamps. */
  readonly at: string;
  /** Where the route's reads go: the read replica for a `replica` route when there is one, else `deps.h`. */
  readonly read: Db;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  const r = schema.safeParse(value);
  if (!r.success) throw new RequestValidationError(r.error, where);
  return r.data;
}

/** The session behind a request, checked for CSRF, forced password change and the route's action. */
async function guard(
  deps: AppDeps,
  spec: { access: Access; method: Method },
  req: FastifyRequest,
  now: Date,
): Promise<Authenticated> {
  const sid = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
  let auth = sid && (await deps.cache.usable()) ? (deps.cache.session(sid, now.getTime()) ?? null) : null;
  if (sid && !auth) {
    auth = await authenticate(deps.h, sid, now, deps.policy);
    if (auth) deps.cache.keepSession(sid, auth, now.getTime());
  }
  if (!auth) throw new UserError('未登录或会话已过期，请重新登录', 'unauthenticated', 401);
  if (UNSAFE.has(spec.method)) {
    // The token is bound to the session (only its hash is stored), so a token from another session fails.
    const given = req.headers[CSRF_HEADER];
    if (typeof given !== 'string' || !tokenMatches(given, auth.csrfHash)) {
      throw new UserError(
        '缺少或错误的 CSRF 令牌：写操作须在 X-CSRF-Token 请求头中带上登录时下发的令牌（fazhi_csrf Cookie）',
        'csrf',
        403,
      );
    }
  }
  if (spec.access !== 'session' && auth.user.mustChangePassword) {
    throw new UserError('首次登录须先修改初始密码', 'password_change_required', 403);
  }
  if (spec.access !== 'public' && !can(auth.user.role, spec.access)) {
    throw new UserError('当前角色无权执行此操作', 'forbidden', 403);
  }
  return auth;
}

/** Routes whose writes change accounts or sessions (sign-in, passwords, roles, resets). */
const ACCOUNT_ROUTES = /^\/(auth|users|password-resets)(\/|$)/;
const touchesAccounts = (url: string): boolean => ACCOUNT_ROUTES.test(url);

/**
 * The change note of a signed-in write request that passed the session, CSRF and permission
 * checks: what its writes may change (the user's organisation path; whether accounts), which its
 * audited writes announce (see wrote).
 */
const notes = new WeakMap<FastifyRequest, ChangeNote>();

/**
 * After a write request, before its answer goes out: this server's cache at once, the other
 * servers' through the change feed. A signed-in request's audited writes carry its change note
 * and commit their feed entry with them (services/audit.ts). Cached answers change only through
 * audited writes (the other writes are bookkeeping: sessions, a user's own messages, login
 * failures), so such a request is announced. Any other write request (public forms, sign-in, one
 * whose write failed) gets its entry from here, after its writes: every write route passes here,
 * so when the writer sees the answer, the entry is there for every server.
 */
async function wrote(
  deps: AppDeps,
  req: FastifyRequest,
  { scope, accounts, announced }: Pick<ChangeNote, 'scope' | 'accounts' | 'announced'>,
  writes: Writes,
): Promise<void> {
  deps.cache.bump(scope, accounts, writes);
  if (announced) return;
  try {
    await deps.feed.publish(scope, accounts);
  } catch (e) {
    // The write itself is committed (or failed on its own) and its answer stands; the feed
    // sends the entry again with its next read.
    req.log.warn(
      `写入变更记录失败，稍后重试；在此之前其他服务器的缓存可能看不到这次修改：${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

function register<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  app: FastifyInstance,
  spec: RouteSpec<B, Q, P>,
  run: (
    req: FastifyRequest,
    reply: FastifyReply,
    base: PublicContext<z.output<B>, z.output<Q>, z.output<P>>,
  ) => Promise<unknown>,
): void {
  const deps = app.fazhi;
  // Kept with the full path: most routes sit under /api, the public portal's pages at the root.
  deps.routes.push({ ...spec, url: app.prefix + spec.url });
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.upload ? { bodyLimit: spec.upload.maxBytes } : {}),
    handler: (req, reply) =>
      spec.unqueued ? answer(req, reply) : deps.admission.run(() => answer(req, reply)),
  });

  async function answer(req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const now = deps.now();
    const base = {
      body: undefined as z.output<B>,
      query: undefined as z.output<Q>,
      params: undefined as z.output<P>,
      ip: req.ip,
      now,
      req,
      reply,
      deps,
    };
    let out: unknown;
    try {
      out = await run(req, reply, base);
    } finally {
      // A write may change what cached answers say for the writer's organisations; account and
      // session writes also change who is signed in as what.
      // A request refused at the session check wrote nothing: no entry, or a flood of them would
      // clear every server's cache.
      const note =
        spec.method === 'GET'
          ? undefined
          : spec.access === 'public'
            ? { scope: null, accounts: touchesAccounts(spec.url), announced: false }
            : notes.get(req);
      if (note) await wrote(deps, req, note, spec.writes ?? 'any');
    }
    // A handler that sent its own answer (a cached body, a file) returns the reply, and Fastify's
    // reply is a thenable: awaited through an async function it arrives here as undefined.
    if (out === reply || reply.sent) return reply;
    return reply.code(spec.status ?? 200).send(out);
  }
}

function parseAll<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  spec: RouteSpec<B, Q, P>,
  req: FastifyRequest,
) {
  const params = parse(spec.params, req.params, 'params');
  const query = parse(spec.query, req.query, 'query');
  let body: z.output<B>;
  if (spec.upload) {
    if (!Buffer.isBuffer(req.body)) {
      throw new UserError(
        '请以 application/octet-stream 上传文件内容，文件名放在 ?name= 或 X-File-Name 请求头中',
        'unsupported_media_type',
        415,
      );
    }
    body = req.body as z.output<B>;
  } else body = parse(spec.body, req.body, 'body');
  return { params, query, body };
}

/** A route answering without a session (health, login, docs). */
export function publicRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  app: FastifyInstance,
  spec: RouteSpec<B, Q, P> & { access: 'public' },
  handler: (c: PublicContext<z.output<B>, z.output<Q>, z.output<P>>) => unknown,
): void {
  register(app, spec, async (req, _reply, base) => handler({ ...base, ...parseAll(spec, req) }));
}

/** A route for signed-in users: session → CSRF → password-change → permission → validation → handler. */
export function route<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  app: FastifyInstance,
  spec: RouteSpec<B, Q, P> & { access: Action },
  handler: (c: RouteContext<z.output<B>, z.output<Q>, z.output<P>>) => unknown,
): void {
  register(app, spec, async (req, _reply, base) => {
    const deps = app.fazhi;
    const auth = await guard(deps, spec, req, base.now);
    const user = auth.user;
    // The 三员 administer accounts, organisations and the calendar, which reach every scope.
    const note = UNSAFE.has(spec.method)
      ? deps.feed.note(isSecurityRole(user.role) ? null : user.orgPath, touchesAccounts(spec.url))
      : undefined;
    if (note) notes.set(req, note);
    const parsed = parseAll(spec, req);
    const actor = note ? { ...actorOf(user, req.ip), change: note } : actorOf(user, req.ip);
    const ctx: RouteContext<z.output<B>, z.output<Q>, z.output<P>> = {
      ...base,
      ...parsed,
      auth,
      user,
      scope: scopeOf(user),
      actor,
      at: base.now.toISOString(),
      read: spec.replica ? await deps.reads.handleFor(user.id) : deps.h,
    };
    if (UNSAFE.has(spec.method)) {
      // Also after a refusal: a refused case step is kept in the case's history.
      try {
        return await handler(ctx);
      } finally {
        await deps.reads.noteWrite(user.id);
      }
    }
    if (ctx.read !== deps.h) {
      // Not cached: a replica's answer may lag the primary, and a cached one would outlive the lag.
      try {
        return await handler(ctx);
      } catch (e) {
        if (!deps.reads.replicaFailed(ctx.read, e)) throw e;
        return handler({ ...ctx, read: deps.h });
      }
    }
    if (!spec.cache) return handler(ctx);
    // Per user: an answer may depend on the role, the organisation and, for some roles, the user's own records.
    // The day too: deadlines count days left, so yesterday's answer must not be served today.
    const key = `${user.id}|${user.role}|${user.orgPath}|${todayOf(ctx.at)}|${req.url}`;
    const body = await app.fazhi.cache.getOrCompute(
      key,
      user.orgPath,
      async () => JSON.stringify(await handler(ctx)),
      spec.cache === 'cases' ? 'cases' : 'all',
    );
    return base.reply.type(JSON_TYPE).send(body);
  });
}
