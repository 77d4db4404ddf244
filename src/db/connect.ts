import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { postgresDialect, sqliteDialect, type Dialect } from './dialect.ts';
import type { Database } from './schema.ts';

/** An open database: the Kysely handle, its dialect helpers, and how to close it. */
export interface Db {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The URL it was opened with, password hidden. */
  readonly label: string;
  /** The raw SQLite handle (benchmarks, online backup); undefined on PostgreSQL. */
  readonly sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export const DEFAULT_DB = 'sqlite:./data/fazhi.db';

/** The database URL from a flag, the FAZHI_DB variable, or the default embedded SQLite file. */
export function resolveDbUrl(flag?: string): string {
  return flag ?? process.env.FAZHI_DB ?? DEFAULT_DB;
}

export class DbUrlError extends Error {}

/**
 * Opens `sqlite:PATH` (`sqlite::memory:` for a private in-memory database) or
 * `postgres://user@host:port/db`.
 */
export function openDb(url: string): Db {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
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

function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10, types: { getTypeParser: typeParser } });
  // An idle client can be cut off by the server (restart, admin command); the pool replaces it, and
  // without a listener the error would end the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: postgresDialect,
    label: url.replace(/:[^:@/]*@/, ':***@'),
    close: () => db.destroy(),
  };
}
