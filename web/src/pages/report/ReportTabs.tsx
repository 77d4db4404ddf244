import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useUser } from '../../auth/AuthProvider.tsx';
import { allowed, isCounty } from '../../auth/permissions.ts';

/** Township users switch between the report in its cycle and the generator; others see the generator only. */
export function ReportTabs() {
  const user = useUser();
  const nav = useNavigate();
  const { pathname } = useLocation();
  if (!allowed(user, 'cycle.read') || isCounty(user)) return null;
  return (
    <Tabs
      className="report-tabs"
      activeKey={pathname}
      onChange={(k) => void nav(k)}
      items={[
        { key: '/report/cycle', label: '报告正文与报送' },
        { key: '/report', label: '生成与下载' },
      ]}
    />
  );
}
