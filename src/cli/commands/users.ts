import type { Command } from '@commander-js/extra-typings';
import { resolveOrg } from '../../services/orgs.ts';
import { createAccount, grantRole, unlockAccount } from '../../services/account-writes.ts';
import { resetAccountPassword } from '../../services/password-resets.ts';
import { findUser, generatePassword, listUsers } from '../../services/users.ts';
import type { Cli } from '../context.ts';

export function registerUserCommands(program: Command, cli: Cli): void {
  const users = program.command('users').description('用户账号：添加、列出、授权、重设密码、解锁');
  users
    .command('add')
    .description('添加用户账号（首次登录须修改密码）')
    .requiredOption('--username <用户名>', '登录名：小写字母、数字或 . _ -')
    .requiredOption('--name <显示名>', '显示名，如 张三')
    .requiredOption('--role <角色>', '角色代码或中文名，如 township_staff 或 乡镇法治专干')
    .requiredOption('--org <组织>', '所属组织（名称或代码）')
    .option('--password <密码>', '初始密码；不给则自动生成并显示')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (opts) => {
      const password = opts.password ?? generatePassword();
      await cli.withDb(opts, async (h) => {
        const org = await resolveOrg(h, opts.org);
        const { p, actor, at } = cli.writer();
        const { user: u } = await createAccount(
          h,
          p,
          actor,
          { username: opts.username, name: opts.name, role: opts.role, orgId: org.id, password },
          at,
        );
        cli.out(`已添加用户 ${u.username}（${u.name}，${u.roleLabel}，${u.org}）\n`);
        if (!opts.password) cli.out(`初始密码：${password}\n`);
        cli.out('首次登录须修改密码。\n');
      });
    });
  users
    .command('list')
    .description('列出用户账号')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => {
      await cli.withDb(opts, async (h) => {
        const list = await listUsers(h);
        if (opts.json) {
          return cli.printJson(
            list.map((u) => ({
              username: u.username,
              name: u.name,
              role: u.role,
              roleLabel: u.roleLabel,
              org: u.org,
              orgCode: u.orgCode,
              mustChangePassword: u.mustChangePassword,
            })),
          );
        }
        cli.printTable(
          ['用户名', '显示名', '角色', '组织', '状态'],
          list.map((u) => [
            u.username,
            u.name,
            u.roleLabel,
            u.org,
            u.disabled ? '已停用' : u.mustChangePassword ? '待改密' : '正常',
          ]),
        );
        cli.out(`共 ${list.length} 个账号\n`);
      });
    });
  users
    .command('passwd')
    .description('重设用户密码（首次登录须修改）')
    .argument('<用户名>', '登录名')
    .option('--password <密码>', '新密码；不给则自动生成并显示')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (username, opts) => {
      const password = opts.password ?? generatePassword();
      await cli.withDb(opts, async (h) => {
        const { p, actor, at } = cli.writer();
        const u = await findUser(h, username);
        await resetAccountPassword(h, p, actor, u.id, password, at);
        cli.out(`已重设 ${username} 的密码${opts.password ? '' : `：${password}`}\n首次登录须修改密码。\n`);
      });
    });
  users
    .command('grant')
    .description('为账号分配角色和数据范围（控制台可分配任何角色）')
    .argument('<用户名>', '登录名')
    .requiredOption('--role <角色>', '角色代码或中文名')
    .option('--org <组织>', '数据范围（所属组织，名称或代码）；不给则不变')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (username, opts) => {
      await cli.withDb(opts, async (h) => {
        const { p, actor, at } = cli.writer();
        const u = await findUser(h, username);
        const org = opts.org === undefined ? undefined : (await resolveOrg(h, opts.org)).id;
        const g = await grantRole(h, p, actor, u.id, { role: opts.role, ...(org ? { orgId: org } : {}) }, at);
        cli.out(`已将 ${g.username} 设为 ${g.org}的${g.roleLabel}，其现有会话已结束。\n`);
      });
    });
  users
    .command('unlock')
    .description('解除登录失败锁定或退避')
    .argument('<用户名>', '登录名')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (username, opts) => {
      await cli.withDb(opts, async (h) => {
        const { p, actor, at } = cli.writer();
        const u = await findUser(h, username);
        await unlockAccount(h, p, actor, u.id, at);
        cli.out(`已解除 ${username} 的登录锁定。\n`);
      });
    });
}
