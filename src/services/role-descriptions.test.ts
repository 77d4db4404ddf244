import { describe, expect, it } from 'vitest';
import { roles } from '../catalogue/roles.ts';
import { can, type Action } from './access.ts';

/** Promises a role description makes, and the action that keeps each. */
const promises: readonly (readonly [RegExp, Action])[] = [
  [/签发/, 'report.sign'],
  [/分配角色/, 'users.grant'],
  [/解除登录锁定/, 'users.security'],
  [/停用.*账号/, 'users.security'],
  [/重置.*密码/, 'users.reset'],
  [/新建.*账号/, 'users.manage'],
  [/组织机构/, 'orgs.manage'],
  [/节假日/, 'calendar.write'],
  [/(查看|导出)审计日志|审计日志.*核验/, 'audit.read'],
  [/公开发布|保密审查|退回乡镇/, 'report.check'],
  [/录入.*台账|导入台账/, 'records.write'],
  [/起草年度报告/, 'report.draft'],
  [/合法性审查/, 'cases.act'],
];

describe('role descriptions', () => {
  it('promise only what the role may do', () => {
    const broken: string[] = [];
    for (const r of roles) {
      // What the role does, not what it is kept from (不分配角色…).
      const does = r.description
        .split(/[，；]/)
        .filter((clause) => !clause.startsWith('不'))
        .join('，');
      for (const [re, action] of promises)
        if (re.test(does) && !can(r.id, action)) broken.push(`${r.label}: ${re.source} needs ${action}`);
    }
    expect(broken).toEqual([]);
  });

  it('promise nothing the platform does not do', () => {
    // No assessment scoring (考核评分) exists; a role must not offer it.
    for (const r of roles) expect(r.description, r.label).not.toMatch(/考核|评分|密码策略/);
  });

  it('say for each of the three administrators what it does not do (三员分立)', () => {
    for (const id of ['system_admin', 'security_admin', 'auditor'])
      expect(roles.find((r) => r.id === id)?.description).toContain('三员分立');
  });
});
