import { Admission } from './admission.ts';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import { ReadRouting } from '../db/read-routing.ts';
import { ensureAuditKey } from '../services/audit-key.ts';
import { auditHead } from '../services/audit.ts';
import { openFileStore } from '../services/file-store.ts';
import { JobPool } from '../services/jobs/index.ts';
import { DEFAULT_POLICY } from '../services/sessions.ts';
import { ReadCache } from './cache.ts';
import { ChangeFeed } from './change-feed.ts';
import { ThrottleLog } from './throttle-log.ts';
import type { AppDeps, AppOptions, RequestLogging } from './context.ts';
import { registerErrorHandling } from './errors.ts';
import { JSON_LIMIT } from './files.ts';
import { defaultRateLimits } from './rate-limit.ts';
import { registerActivityRoutes } from './routes/activity.ts';
import { registerAuditRoutes } from './routes/audit.ts';
import { registerAuthRoutes } from './routes/auth.ts';
import { registerCalendarRoutes } from './routes/calendar.ts';
import { registerCaseRoutes } from './routes/cases.ts';
import { registerCatalogueRoutes } from './routes/catalogue.ts';
import { registerCycleRoutes } from './routes/cycle.ts';
import { registerDocsRoutes } from './routes/docs.ts';
import { registerEvidenceRoutes } from './routes/evidence.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerIndicatorRoutes } from './routes/indicators.ts';
import { registerLedgerIoRoutes } from './routes/ledger-io.ts';
import { registerOrgRoutes } from './routes/orgs.ts';
import { registerPowerRoutes } from './routes/powers.ts';
import { registerRecordRoutes } from './routes/records.ts';
import { registerReportRoutes } from './routes/reports.ts';
import { registerUserRoutes } from './routes/users.ts';
import { registerSecurityHeaders } from './security.ts';
import { registerStatic } from './static.ts';
import { registerMessageRoutes } from './routes/messages.ts';
import { registerTodoRoutes } from './routes/todo.ts';
import { registerWebhookRoutes } from './routes/webhooks.ts';
import { registerPublicSite } from './routes/public-site.ts';
import { registerPublicRequestRoutes } from './routes/public-requests.ts';
import { registerConsultationRoutes } from './routes/consultations.ts';
import { registerFeedbackRoutes } from './routes/feedback-rules.ts';
import { registerQuestionRoutes } from './routes/questions.ts';
import { registerExamRoutes } from './routes/exams.ts';
import { registerStudyPlanRoutes } from './routes/study-plans.ts';

// zod's own messages in Chinese, for every validation error the API returns.
z.config(z.locales.zhCN());

const RAW_TYPES = [
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/tiff',
  'text/markdown',
];

// Raw bodies default to the JSON limit; upload routes raise it with their own bodyLimit.

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Writes the audit chain's head to the log at start and once a day: an anchor outside the database,
 * so a chain later cut short or rewritten no longer matches what the log said.
 */
function watchAuditHead(app: FastifyInstance, h: Db): void {
  const log = () =>
    auditHead(h)
      .then((head) => app.log.info({ auditHead: head }, `审计日志链头：第 ${head.seq} 条，哈希 ${head.hash}`))
      .catch((e: unknown) => app.log.warn({ err: e }, '无法读取审计日志链头'));
  // Written before the app is ready, so the start's line is in the log before any request's.
  app.addHook('onReady', log);
  const timer = setInterval(() => void log(), DAY_MS);
  timer.unref();
  app.addHook('onClose', (_i, done) => {
    clearInterval(timer);
    done();
  });
}

/** One line for each request slower than `slowMs`: method, path, status and time taken. */
function logSlowRequests(app: FastifyInstance, slowMs: number): void {
  app.addHook('onResponse', (req, reply, done) => {
    const ms = Math.round(reply.elapsedTime);
    if (ms >= slowMs)
      req.log.warn(
        {
          req: { method: req.method, url: req.url },
          res: { statusCode: reply.statusCode },
          responseTime: ms,
        },
        `慢请求：${req.method} ${req.url} 用时 ${ms} 毫秒（状态 ${reply.statusCode}）`,
      );
    done();
  });
}

/** Builds the HTTP API over an open, migrated database. Call `listen` or `inject` on the result. */
export async function buildApp(h: Db, opts: AppOptions): Promise<FastifyInstance> {
  const secure = opts.secure ?? false;
  const logging: RequestLogging | null =
    opts.logger === true ? { all: true, slowMs: Infinity } : opts.logger || null;
  const app = Fastify({
    logger: logging
      ? {
          level: 'info',
          redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
          ...(logging.stream ? { stream: logging.stream } : {}),
        }
      : false,
    // Quiet by default: a line a request buries the errors; slow requests are logged below.
    ...(logging && !logging.all ? { logController: new LogController({ disableRequestLogging: true }) } : {}),
    bodyLimit: JSON_LIMIT,
    // Only the listed proxies' hops: `true` would believe whatever X-Forwarded-For a client sends.
    trustProxy: opts.trustProxy?.length ? [...opts.trustProxy] : false,
    routerOptions: { maxParamLength: 200 },
  });
  // Logged whether or not request logging is on: the operator must learn the replica is gone.
  const logReplica = (line: string) => (logging ? app.log.warn(line) : console.warn(line));
  const feed: ChangeFeed = new ChangeFeed(h, (scope, accounts) => cache.bump(scope, accounts), {
    warn: (msg) => app.log.warn(msg),
    info: (msg) => app.log.info(msg),
  });
  const cache = new ReadCache(h, opts.readCache ?? true, feed);
  const deps: AppDeps = {
    h,
    store: openFileStore(h, opts.dataDir),
    now: opts.clock ?? (() => new Date()),
    policy: {
      ...DEFAULT_POLICY,
      ...(opts.idleTimeoutMs ? { idleMs: opts.idleTimeoutMs } : {}),
      ...opts.policy,
    },
    secure,
    limits: opts.rateLimits ?? defaultRateLimits(h.db),
    cache,
    feed,
    reads: new ReadRouting(h, opts.readDb ?? null, { log: logReplica }),
    throttles: new ThrottleLog(h),
    jobs: opts.jobs ?? new JobPool(),
    admission: opts.admission ?? new Admission(),
    routes: [],
    registered: [],
  };
  app.decorate('fazhi', deps);
  app.addHook('onClose', () => deps.throttles.close());
  app.addHook('onReady', () => feed.start());
  app.addHook('onClose', () => feed.close());
  await ensureAuditKey(h, opts.dataDir);
  watchAuditHead(app, h);
  if (logging && !logging.all) logSlowRequests(app, logging.slowMs);
  // A pool made here is the app's own; one passed in belongs to the caller.
  if (!opts.jobs) app.addHook('onClose', () => deps.jobs.close());
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') deps.registered.push({ method: m, url: r.url });
  });
  app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  registerErrorHandling(app);
  registerSecurityHeaders(app, { secure });

  await app.register(
    (api, _opts, done) => {
      registerHealthRoutes(api);
      registerDocsRoutes(api);
      registerAuthRoutes(api);
      registerCatalogueRoutes(api);
      registerOrgRoutes(api);
      registerUserRoutes(api);
      registerRecordRoutes(api);
      registerEvidenceRoutes(api);
      registerIndicatorRoutes(api);
      registerActivityRoutes(api);
      registerLedgerIoRoutes(api);
      registerPowerRoutes(api);
      registerCaseRoutes(api);
      registerCalendarRoutes(api);
      registerReportRoutes(api);
      registerCycleRoutes(api);
      registerAuditRoutes(api);
      registerTodoRoutes(api);
      registerMessageRoutes(api);
      registerWebhookRoutes(api);
      registerPublicRequestRoutes(api);
      registerConsultationRoutes(api);
      registerFeedbackRoutes(api);
      registerQuestionRoutes(api);
      registerExamRoutes(api);
      registerStudyPlanRoutes(api);
      done();
    },
    { prefix: '/api' },
  );
  registerPublicSite(app);
  registerStatic(app, {
    webDir: opts.webDir === undefined ? 'web/dist' : opts.webDir,
    demoAccounts: opts.demoAccounts ?? [],
  });
  return app;
}
