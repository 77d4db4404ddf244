import { startPostgres, type PgServer } from './postgres-server.ts';

let server: PgServer | undefined;

/**
 * Gives the suite a real PostgreSQL: FAZHI_TEST_PG if set, else a throwaway server started here.
 * In CI (CI=true) a missing PostgreSQL fails the run; elsewhere it is said in one loud line.
 */
export async function setup(): Promise<void> {
  if (process.env.FAZHI_TEST_PG) return;
  const r = await startPostgres();
  if ('error' in r) {
    if (process.env.CI === 'true')
      throw new Error(`CI 必须运行 PostgreSQL 测试，但无法启动 PostgreSQL：${r.error}`);
    console.warn(`\n!!!!! 未运行 PostgreSQL 测试：${r.error} !!!!!\n`);
    return;
  }
  server = r;
  process.env.FAZHI_TEST_PG = r.url;
}

export function teardown(): void {
  server?.stop();
}
