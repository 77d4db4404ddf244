import {
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  ClusterOutlined,
  CommentOutlined,
  DashboardOutlined,
  EditOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FormOutlined,
  MessageOutlined,
  ReadOutlined,
  RobotOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import type { User } from '../api/types.ts';
import { allowed, kindReadable } from '../auth/permissions.ts';
import type { Catalogue } from '../catalogue/useCatalogue.ts';

type Item = Required<MenuProps>['items'][number];

function ledgerItems(user: User, cat: Catalogue | undefined): Item[] {
  if (!cat) return [];
  return Object.entries(cat.groups).flatMap(([g, label]): Item[] => {
    const ks = cat.kinds.filter((k) => k.group === g && kindReadable(user, k.id));
    if (ks.length === 0) return [];
    return [
      { key: `group:${g}`, label, children: ks.map((k) => ({ key: `/ledger/${k.id}`, label: k.label })) },
    ];
  });
}

/** The menu items this role can use, in the order of the work. */
export function menuItems(user: User, cat: Catalogue | undefined): Item[] {
  // A grid member reports from the phone and follows its own reports; nothing of the township's.
  if (user.role === 'grid_member')
    return [
      { key: '/m/dispute', icon: <FormOutlined />, label: '上报矛盾纠纷' },
      { key: '/m/mine', icon: <UnorderedListOutlined />, label: '我的上报' },
      { key: '/exams/mine', icon: <EditOutlined />, label: '我的考试' },
    ];
  const items: Item[] = [];
  if (allowed(user, 'indicators.read'))
    items.push({ key: '/dashboard', icon: <DashboardOutlined />, label: '工作台' });
  if (allowed(user, 'records.read'))
    items.push({
      key: 'ledger',
      icon: <BookOutlined />,
      label: '工作台账',
      children: ledgerItems(user, cat),
    });
  if (allowed(user, 'cases.read'))
    items.push({ key: '/cases', icon: <ScheduleOutlined />, label: '案件办理' });
  if (allowed(user, 'consultations.read'))
    items.push({ key: '/consultations', icon: <CommentOutlined />, label: '公众参与' });
  if (allowed(user, 'exams.sit'))
    items.push({ key: '/exams/mine', icon: <EditOutlined />, label: '我的考试' });
  // 学法考法: the organiser's pages.
  const study: Item[] = [];
  if (allowed(user, 'study.plan')) study.push({ key: '/study/plan', label: '学法计划' });
  if (allowed(user, 'exams.manage'))
    study.push({ key: '/study/questions', label: '题库' }, { key: '/study/exams', label: '考试组织' });
  if (study.length > 0)
    items.push({ key: 'study', icon: <ReadOutlined />, label: '学法考法', children: study });
  // A township's 年度报告 opens on the report in its cycle; the generator is a tab of it.
  if (allowed(user, 'cycle.read') && user.orgKind === 'township')
    items.push({ key: '/report/cycle', icon: <FileTextOutlined />, label: '年度报告' });
  else if (allowed(user, 'report.generate'))
    items.push({ key: '/report', icon: <FileTextOutlined />, label: '年度报告' });
  if (allowed(user, 'report.check'))
    items.push({ key: '/cycle', icon: <FileDoneOutlined />, label: '报告报送' });
  if (allowed(user, 'report.review'))
    items.push({ key: '/review', icon: <FileSearchOutlined />, label: '报告审阅' });
  const admin: Item[] = [{ key: '/admin/orgs', icon: <ClusterOutlined />, label: '组织机构' }];
  if (allowed(user, 'users.read'))
    admin.push({ key: '/admin/users', icon: <TeamOutlined />, label: '用户与角色' });
  if (allowed(user, 'audit.read'))
    admin.push({ key: '/admin/audit', icon: <AuditOutlined />, label: '审计日志' });
  if (allowed(user, 'calendar.read'))
    admin.push({ key: '/admin/calendar', icon: <CalendarOutlined />, label: '节假日安排' });
  if (allowed(user, 'webhooks.manage'))
    admin.push({ key: '/admin/webhooks', icon: <RobotOutlined />, label: '群机器人提醒' });
  if (allowed(user, 'feedback.rules'))
    admin.push({ key: '/admin/feedback-rules', icon: <MessageOutlined />, label: '群众诉求分类' });
  items.push({ key: 'admin', icon: <SettingOutlined />, label: '系统管理', children: admin });
  return items;
}

export function SideMenu({
  user,
  cat,
  collapsed,
}: {
  user: User;
  cat: Catalogue | undefined;
  collapsed: boolean;
}) {
  const nav = useNavigate();
  const { pathname } = useLocation();
  const items = useMemo(() => menuItems(user, cat), [user, cat]);
  const kindGroup = pathname.startsWith('/ledger/') ? cat?.kind(pathname.slice(8))?.group : undefined;
  const routeOpen = pathname.startsWith('/ledger/')
    ? ['ledger', `group:${kindGroup ?? ''}`]
    : pathname.startsWith('/admin/')
      ? ['admin']
      : pathname.startsWith('/study/')
        ? ['study']
        : [];
  // Submenus the user opened stay open while the catalogue loads and as pages change;
  // the route's own submenu opens on navigation.
  const [openKeys, setOpenKeys] = useState<string[]>(routeOpen);
  const routeKey = routeOpen.join('|');
  useEffect(() => {
    if (routeKey) setOpenKeys((keys) => [...new Set([...keys, ...routeKey.split('|')])]);
  }, [routeKey]);
  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[
        pathname === '/report' && items.some((i) => i?.key === '/report/cycle') ? '/report/cycle' : pathname,
      ]}
      {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
      key={collapsed ? 'c' : 'o'}
      onClick={(e) => void nav(e.key)}
    />
  );
}
