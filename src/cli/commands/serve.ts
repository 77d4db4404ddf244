import { rmSync, writeFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { UserError } from '../../core/errors.ts';
import { DEFAULT_POOL, openDb, parsePoolSize, type Db } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { Admission, defaultActive, parseMaxActive } from '../../http/admission.ts';
import { buildApp } from '../../http/app.ts';
import { parseTrustedProxies } from '../../http/proxies.ts';
import { assertAuditKeyFits } from '../../services/audit-key.ts';
import { runningServer, serveLockPath } from '../../services/backup.ts';
import { copyFolderFiles } from '../../services/file-store.ts';
import { ensureDemo } from '../../services/demo/index.ts';
import { ReminderScheduler } from '../../services/jobs/scheduler.ts';
import { reminderSettings } from '../../services/reminders.ts';
import { DEFAULT_RETENTION_DAYS } from '../../services/public/retention.ts';
import { purgeExpired } from '../../services/sessions.ts';
import { listUsers } from '../../services/users.ts';
import { ensureWebBuild, WEB_DIST } from '../web-build.ts';
import { intOption, type Cli } from '../context.ts';
import { printAccounts } from './demo.ts';

const DEMO_NAME = /^(admin|secadmin|auditor|county|t\d{2}\.(leader|staff|adviser|grid))$/;

/** Seeds the demo county into an empty database; returns the demo usernames for the home page. */
async function seed(cli: Cli, h: Db, enabled: boolean): Promise<string[]> {
  if (enabled) {
    const r = await ensureDemo(h, { now: new Date().toISOString(), cycle: true });
    if (r) {
      cli.out(
        `首次启动：已生成演示县“${r.county.name}”（${r.townships.length} 个乡镇，${r.year} 年度前后两年台账）。\n`,
      );
      printAccounts(cli, r.accounts);
      return r.accounts.map((a) => a.username);
    }
  }
  return (await listUsers(h))
    .filter((u) => DEMO_NAME.test(u.username) && !u.mustChangePassword)
    .map((u) => u.username);
}

/** PostgreSQL keeps stored files in the database: bring in any the data folder still holds. */
async function moveFolderFiles(cli: Cli, h: Db, dataDir: string): Promise<void> {
  const r = await copyFolderFiles(h, dataDir);
  if (r.found === 0) return;
  cli.out(
    `数据目录 ${dataDir}/evidence 中有 ${r.found} 个存储文件：本次复制到数据库 ${r.copied} 个，其余已在数据库中${r.damaged.length ? `；${r.damaged.length} 个文件内容与摘要不符，未复制（${r.damaged.slice(0, 3).join('、')}${r.damaged.length > 3 ? '……' : ''}）` : ''}。数据库中的副本为准，数据目录中的文件可在备份数据库后删除。\n`,
  );
}

/**
 * The server owns its process: on SIGINT or SIGTERM it lets requests in progress finish, runs
 * `close`, and exits.
 */
function stopOnSignal(cli: Cli, close: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    cli.out(`收到 ${signal}，正在停止：等待进行中的请求完成……\n`);
    try {
      await close();
    } finally {
      cli.out('fazhi 已停止。\n');
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

export function registerServeCommand(program: Command, cli: Cli): void {
  program
    .command('serve')
    .description('启动网页和 API 服务（首次启动在空数据库中生成演示县和演示账号）')
    .option('--port <端口>', '端口（默认 PORT 环境变量或 3000）')
    .option('--host <地址>', '监听地址', '127.0.0.1')
    .option('--db <数据库地址>', '数据库地址')
    .option(
      '--db-pool <连接数>',
      `PostgreSQL 连接池大小，即本服务器最多同时占用的数据库连接数（默认 FAZHI_DB_POOL 或 ${DEFAULT_POOL}）`,
    )
    .option(
      '--db-read <数据库地址>',
      'PostgreSQL 只读副本地址（默认 FAZHI_DB_READ）：看板、指标、台账和案件列表、年度报告从副本读取；用户刚写入后其本人读取仍走主库',
    )
    .option(
      '--max-active <请求数>',
      `同时处理的接口请求数上限，其余按到达顺序排队（默认 FAZHI_MAX_ACTIVE 或 CPU 核数的 2 倍，本机为 ${defaultActive()}）`,
    )
    .option('--data <目录>', '数据目录（SQLite 时存放证据文件；默认 FAZHI_DATA 或 ./data）')
    .option('--secure', 'Cookie 加 Secure 并发送 HSTS（经 HTTPS 访问时）')
    .option(
      '--trust-proxy <地址>',
      '受信任的反向代理地址或网段（逗号分隔，如 127.0.0.1,10.0.0.0/8；默认 FAZHI_TRUST_PROXY）：只采信它们转发的 X-Forwarded-For / X-Forwarded-Proto',
    )
    .option('--log-requests', '每个请求都写入运行日志（默认只记启动、错误和慢请求）')
    .option('--log-slow <毫秒>', '用时达到该毫秒数的请求记为慢请求写入日志', '1000')
    .option('--digest-at <时:分>', '每日待办提醒的发送时间，北京时间（默认 FAZHI_DIGEST_AT 或 08:30）')
    .option('--remind-days <天数>', '案件期限届满前几日发出到期提醒（默认 FAZHI_REMIND_DAYS 或 3）')
    .option(
      '--public-retention-days <天数>',
      '公开平台收集的个人信息保存天数，期满后每日自动匿名化（默认 FAZHI_PUBLIC_RETENTION_DAYS 或 1095，即三年）',
    )
    .option(
      '--no-reminders',
      '不在本服务器发送到期提醒和每日待办、不运行个人信息匿名化（多台服务器共用数据库时由其他服务器运行）',
    )
    .option('--no-demo', '数据库为空时不生成演示数据')
    .option('--no-web-build', '不自动构建网页界面')
    .action(async (opts) => {
      const port = intOption('port', opts.port ?? cli.io.env.PORT ?? '3000', 0, 65535);
      const slowMs = intOption('log-slow', opts.logSlow, 0, 3_600_000);
      const all = opts.logRequests === true;
      const trustProxy = parseTrustedProxies(opts.trustProxy ?? cli.io.env.FAZHI_TRUST_PROXY);
      const url = cli.dbUrl(opts.db);
      const sqlitePath =
        url.startsWith('sqlite:') && url !== 'sqlite::memory:' ? url.slice('sqlite:'.length) : null;
      if (sqlitePath && runningServer(sqlitePath) !== null)
        throw new UserError(`已有 fazhi serve 在使用 ${sqlitePath}`);
      const reminders = reminderSettings({
        digestAt: opts.digestAt ?? cli.io.env.FAZHI_DIGEST_AT,
        noticeDays: opts.remindDays ?? cli.io.env.FAZHI_REMIND_DAYS,
      });
      const retentionDays = intOption(
        'public-retention-days',
        opts.publicRetentionDays ?? cli.io.env.FAZHI_PUBLIC_RETENTION_DAYS ?? String(DEFAULT_RETENTION_DAYS),
        30,
        36_500,
      );
      const readUrl = opts.dbRead ?? cli.io.env.FAZHI_DB_READ;
      if (readUrl !== undefined && !(/^postgres(ql)?:\/\//.test(url) && /^postgres(ql)?:\/\//.test(readUrl)))
        throw new UserError(
          '只读副本（--db-read）只用于 PostgreSQL：--db 和 --db-read 都应为 postgres:// 地址',
        );
      const maxActive = parseMaxActive(opts.maxActive ?? cli.io.env.FAZHI_MAX_ACTIVE);
      const pool = parsePoolSize(opts.dbPool ?? cli.io.env.FAZHI_DB_POOL);
      const dataDir = cli.dataDir(opts.data);
      const h = openDb(url, { pool });
      await migrateToLatest(h);
      const readDb = readUrl === undefined ? null : openDb(readUrl, { pool });
      await moveFolderFiles(cli, h, dataDir);
      await assertAuditKeyFits(h, dataDir);
      const demoAccounts = await seed(cli, h, opts.demo);
      if (opts.webBuild)
        await ensureWebBuild().catch((e: unknown) =>
          cli.err(`网页界面构建失败，仅提供 API：${e instanceof Error ? e.message : String(e)}\n`),
        );
      const app = await buildApp(h, {
        dataDir,
        secure: opts.secure,
        trustProxy,
        webDir: WEB_DIST,
        demoAccounts,
        logger: { all, slowMs },
        readDb,
        admission: new Admission(maxActive),
      });
      // Quiet: the start is the audit head's line (written when ready) and the line below, not
      // Fastify's one line per listening address.
      await app.ready();
      if (!all) app.log.level = 'warn';
      await app.listen({ port, host: opts.host });
      app.log.level = 'info';
      if (sqlitePath) writeFileSync(serveLockPath(sqlitePath), String(process.pid));
      const purge = setInterval(() => void purgeExpired(h, new Date()).catch(() => undefined), 10 * 60_000);
      purge.unref();
      const scheduler = opts.reminders
        ? new ReminderScheduler(h, {
            settings: reminders,
            retentionDays,
            onError: (e) => app.log.warn({ err: e }, '提醒发送出错，下一分钟重试'),
          })
        : null;
      scheduler?.start();
      const addr = app.server.address();
      const shown =
        typeof addr === 'object' && addr
          ? `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${addr.port}`
          : String(addr);
      const replica = readDb ? `，只读副本 ${readDb.label}` : '';
      cli.out(
        `fazhi 已启动：${shown}（数据库 ${h.label}${replica}；接口文档 ${shown}/api/docs）。按 Ctrl+C 停止。\n`,
      );
      stopOnSignal(cli, async () => {
        clearInterval(purge);
        try {
          await scheduler?.stop();
          await app.close();
          await h.close();
          await readDb?.close();
        } finally {
          if (sqlitePath) rmSync(serveLockPath(sqlitePath), { force: true });
        }
      });
    });
}
