import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { postgresDialect, sqliteDialect, type Dialect } from './dialect.ts';
import type { Database } from './schema.ts';
import { UserError } from '../core/errors.ts';
import { wholeSetting } from '../core/settings.ts';

/** An open database: the Kysely handle, its dialect helpers, and how to close it. */
export interface Db {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The URL it was opened with, password hidden. */
  readonly label: string;
  /** The raw SQLite handle (benchmarks, online backup); undefined on PostgreSQL. */
  readonly sqlite?: SQLite.Database;
  /**
   * PostgreSQL: how many audited writes may hold a connection at once (see withAudit); the rest of
   * the pool stays free for reads. Undefined on SQLite (one connection, one write at a time).
   */
  readonly writers?: number;
  /**
   * PostgreSQL only: LISTEN on `channel` over a connection of its own, calling `onNotify` with each
   * notification's payload and `onLost` once if that connection fails. Resolves to a function that stops.
   */
  readonly listen?: (
    channel: string,
    onNotify: (payload: string) => void,
    onLost: () => void,
  ) => Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** How a database is opened. */
export interface OpenOptions {
  /** PostgreSQL: connections in the pool (default DEFAULT_POOL). SQLite has one connection. */
  readonly pool?: number;
}

/** PostgreSQL connections per server unless --db-pool / FAZHI_DB_POOL says otherwise. */
export const DEFAULT_POOL = 10;
export const MAX_POOL = 1000;

/** A pool size from --db-pool or FAZHI_DB_POOL, or a Chinese error saying what is allowed. */
export function parsePoolSize(v: string | undefined): number {
  return wholeSetting('数据库连接池大小（--db-pool 或 FAZHI_DB_POOL）', v, MAX_POOL, DEFAULT_POOL);
}

export const DEFAULT_DB = 'sqlite:./data/fazhi.db';

/** The database URL from a flag, the FAZHI_DB variable, or the default embedded SQLite file. */
export function resolveDbUrl(flag?: string): string {
  return flag ?? process.env.FAZHI_DB ?? DEFAULT_DB;
}

export class DbUrlError extends Error {}

// Driver and server codes that mean "the database cannot be reached now", not "this request is wrong".
const UNREACHABLE: Readonly<Record<string, string>> = {
  ECONNREFUSED: '连接被拒绝',
  ENOTFOUND: '找不到该主机',
  EAI_AGAIN: '主机名暂时无法解析',
  ETIMEDOUT: '连接超时',
  EHOSTUNREACH: '主机不可达',
  ENETUNREACH: '网络不可达',
  ECONNRESET: '连接被重置',
  EPIPE: '连接已断开',
  '57P01': '数据库服务器正在关闭',
  '57P02': '数据库服务器正在关闭',
  '57P03': '数据库服务器尚未就绪',
  '08000': '连接异常',
  '08001': '无法建立连接',
  '08003': '连接不存在',
  '08004': '服务器拒绝连接',
  '08006': '连接失败',
  '53300': '连接数已满',
  SQLITE_CANTOPEN: '无法打开数据库文件',
  SQLITE_BUSY: '数据库文件被其他程序锁定',
  SQLITE_IOERR: '读写数据库文件出错',
  SQLITE_FULL: '磁盘已满',
};
// Set up wrongly rather than down: said in one line at start-up, like an outage.
const MISCONFIGURED: Readonly<Record<string, string>> = {
  '28P01': '用户名或密码错误',
  '28000': '该用户无权连接',
  '3D000': '数据库不存在',
};
const UNREACHABLE_TEXT =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i;

function errorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  if ('code' in e && typeof e.code === 'string') return e.code;
  // Node tries every address of a host name and reports them together.
  if (e instanceof AggregateError) return e.errors.map(errorCode).find((c) => c !== undefined);
  return undefined;
}

/** Why the database cannot be reached, in Chinese, if that is what `e` says; else null. */
export function unreachableReason(e: unknown, opts: { orMisconfigured?: boolean } = {}): string | null {
  const code = errorCode(e);
  const base = code?.startsWith('SQLITE_IOERR') ? 'SQLITE_IOERR' : code;
  if (base !== undefined && UNREACHABLE[base]) return UNREACHABLE[base];
  if (opts.orMisconfigured && base !== undefined && MISCONFIGURED[base]) return MISCONFIGURED[base];
  if (e instanceof Error && UNREACHABLE_TEXT.test(e.message)) return '连接中断或超时';
  return null;
}

/**
 * The database is down or unreachable: HTTP 503 with a Chinese message, and at start-up one plain
 * line saying where and what to check, with no stack trace.
 */
export class DbUnavailableError extends UserError {
  /** `label` names the database (password hidden); leave it empty where the public could read it. */
  constructor(label: string, reason: string) {
    super(
      `无法连接数据库${label ? ` ${label}` : ''}：${reason}。请检查数据库服务是否已启动，主机、端口和库名是否正确，网络和防火墙是否放行，用户名和密码是否有效。`,
      'db_unavailable',
      503,
    );
  }
}

/**
 * Opens `sqlite:PATH` (`sqlite::memory:` for a private in-memory database) or
 * `postgres://user@host:port/db`.
 */
export function openDb(url: string, opts: OpenOptions = {}): Db {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, opts.pool ?? DEFAULT_POOL);
  throw new DbUrlError(
    `无法识别的数据库地址“${url}”：应为 sqlite:文件路径 或 postgres://用户@主机:端口/库名`,
  );
}

function openSqlite(path: string): Db {
  if (!path) throw new DbUrlError('sqlite: 之后应写数据库文件路径，例如 sqlite:./data/fazhi.db');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new SQLite(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingPrepare(raw) }) });
  return { db, dialect: sqliteDialect, label: `sqlite:${path}`, sqlite: raw, close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused, and preparing a
 * 500-row INSERT costs more than running it. Cache statements by SQL text (bounded, LRU).
 */
function cachingPrepare(raw: SQLite.Database, max = 256): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => raw.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt) {
        cache.delete(sqlText);
      } else {
        stmt = raw.prepare(sqlText);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
}

// pg returns int8 (counts, bigint ids) and numeric (sums) as strings; ledger figures stay far below 2^53.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
function typeParser(oid: number, format?: string): (v: string) => unknown {
  if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
  if (oid === DATE) return (v: string) => v;
  return pg.types.getTypeParser(oid, format as 'text') as (v: string) => unknown;
}

/**
 * Audited writes take their turn at the audit chain's head one after another, so more of them in
 * flight than a few only hold connections while they wait, and the reads queue behind them for the
 * pool: half the pool (at least one connection) is theirs at most.
 */
function writersOf(pool: number): number {
  return Math.max(1, Math.floor(pool / 2));
}

function openPostgres(url: string, max: number): Db {
  // A server that does not answer must not hold requests for ever: give up connecting after 5 s.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5000,
    types: { getTypeParser: typeParser },
  });
  // An idle client can be cut off by the server (restart, admin command); the pool replaces it, and
  // without a listener the error would end the process.
  pool.on('error', () => {});
  // A client in use when its connection drops emits 'error' too, and the pool listens only to idle
  // ones: without this a database restart during a query would end the process. The query itself
  // still fails with the error, and the pool replaces the client.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    preparing(client);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: postgresDialect,
    label: url.replace(/:[^:@/]*@/, ':***@'),
    writers: writersOf(max),
    listen: (channel, onNotify, onLost) => listenOn(url, channel, onNotify, onLost),
    close: () => db.destroy(),
  };
}

/** Named statements kept per connection at most; later new texts run unnamed. */
const PREPARED_PER_CONNECTION = 200;
/** Statements with more parameters (long IN lists, bulk inserts) vary in text and are run unnamed. */
const PREPARED_MAX_PARAMS = 100;
const PREPARABLE = /^\s*(select|insert|update|delete)\b/i;

/**
 * Runs a connection's parameterised statements as named prepared statements: PostgreSQL parses and
 * plans each text once per connection instead of at every execution (planning a township's
 * indicator read costs more than running it). The texts kept are bounded per connection, so the
 * server's memory for them is bounded too; what is not kept runs as before.
 */
function preparing(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  const query = client.query.bind(client) as (...a: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (
      typeof text !== 'string' ||
      !Array.isArray(values) ||
      values.length === 0 ||
      values.length > PREPARED_MAX_PARAMS ||
      !PREPARABLE.test(text)
    )
      return query(text, values, ...rest);
    let name = names.get(text);
    if (name === undefined && names.size < PREPARED_PER_CONNECTION) {
      name = `fazhi_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      names.set(text, name);
    }
    return name === undefined ? query(text, values, ...rest) : query({ name, text, values }, ...rest);
  };
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

async function listenOn(
  url: string,
  channel: string,
  onNotify: (payload: string) => void,
  onLost: () => void,
): Promise<() => Promise<void>> {
  if (!CHANNEL.test(channel)) throw new Error(`invalid channel: ${channel}`);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  let stopped = false;
  const lost = () => {
    if (stopped) return;
    stopped = true;
    onLost();
  };
  client.on('error', lost);
  client.on('end', lost);
  client.on('notification', (n) => {
    if (n.channel === channel) onNotify(n.payload ?? '');
  });
  try {
    await client.connect();
    await client.query(`listen ${channel}`);
  } catch (e) {
    stopped = true;
    await client.end().catch(() => undefined);
    throw e;
  }
  return async () => {
    stopped = true;
    await client.end().catch(() => undefined);
  };
}
