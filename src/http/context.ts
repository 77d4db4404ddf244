import type { Admission } from './admission.ts';
import type { Db } from '../db/connect.ts';
import type { ReadRouting } from '../db/read-routing.ts';
import type { FileStore } from '../services/file-store.ts';
import type { JobRunner } from '../services/jobs/index.ts';
import type { SessionPolicy } from '../services/sessions.ts';
import type { ThrottleLog } from './throttle-log.ts';
import type { ReadCache } from './cache.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { RateLimits } from './rate-limit.ts';
import type { RouteInfo } from './route.ts';

/** How the API is built: where files live, cookie and session policy, a clock for tests. */
export interface AppOptions {
  /** Data folder (evidence files live in `<dataDir>/evidence`). */
  readonly dataDir: string;
  /** Mark cookies Secure and send HSTS (behind HTTPS). Also set per request when the request came over HTTPS. */
  readonly secure?: boolean;
  /**
   * Reverse proxies (addresses or CIDR blocks, see proxies.ts) whose X-Forwarded-For and
   * X-Forwarded-Proto are believed; any other sender's are ignored. Default: none.
   */
  readonly trustProxy?: readonly string[];
  /** Idle timeout of a session; default 30 minutes. */
  readonly idleTimeoutMs?: number;
  readonly policy?: Partial<SessionPolicy>;
  /** The clock; tests move it forward. */
  readonly clock?: () => Date;
  readonly rateLimits?: RateLimits;
  /** The built web app (default `web/dist`); null to serve none. */
  readonly webDir?: string | null;
  /** Usernames listed on the fallback home page when there is no web app. */
  readonly demoAccounts?: readonly string[];
  /** Logs to stdout: `true` logs every request; a `RequestLogging` logs only slow and failed ones. */
  readonly logger?: boolean | RequestLogging;
  /** Cache hot GET answers until the next write (default true). */
  readonly readCache?: boolean;
  /**
   * A read replica of the PostgreSQL primary (`serve --db-read`): dashboards, indicators, activity,
   * reports and lists read from it (see read-routing.ts). Closed by the caller.
   */
  readonly readDb?: Db | null;
  /** Where heavy jobs run (default: a worker pool with the budgets of services/jobs, closed with the app). */
  readonly jobs?: JobRunner;
  /** The API's turns (admission.ts); default: as many as twice the cores. */
  readonly admission?: Admission;
}

/** The server's log when requests are not all logged: its start, errors, and requests slower than `slowMs`. */
export interface RequestLogging {
  /** Log every request as it comes and goes (Fastify's own two lines a request). */
  readonly all: boolean;
  /** A request that takes at least this many milliseconds is logged as slow. */
  readonly slowMs: number;
  /** Where the lines go instead of stdout (tests). */
  readonly stream?: { write(line: string): unknown };
}

/** What every route handler can reach. */
export interface AppDeps {
  readonly h: Db;
  readonly store: FileStore;
  readonly now: () => Date;
  readonly policy: SessionPolicy;
  readonly secure: boolean;
  readonly limits: RateLimits;
  readonly cache: ReadCache;
  /** Writes of this server for the others, and theirs for this server's cache. */
  readonly feed: ChangeFeed;
  /** Which database a replica-capable read goes to: the read replica, or the primary. */
  readonly reads: ReadRouting;
  /** Requests refused by a rate limit, audited in aggregate. */
  readonly throttles: ThrottleLog;
  /** Review, import parsing, report rendering and export writing: off the event loop, within budgets. */
  readonly jobs: JobRunner;
  /** The API's requests take turns (admission.ts). */
  readonly admission: Admission;
  /** Every route defined through route()/publicRoute(), for the OpenAPI document and the access tests. */
  readonly routes: RouteInfo[];
  /** Every route Fastify registered (method and url), including any defined around the helpers. */
  readonly registered: { method: string; url: string }[];
}

declare module 'fastify' {
  interface FastifyInstance {
    fazhi: AppDeps;
  }
}
