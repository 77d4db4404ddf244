import { Spin, Typography } from 'antd';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { CountyDashboard } from './CountyDashboard.tsx';
import { TownshipDashboard } from './TownshipDashboard.tsx';
import './dashboard.css';

/** The township dashboard, or the county's when the county itself is chosen in the header. */
export default function DashboardPage() {
  const ws = useWorkspace();
  if (!ws.org) return <Spin className="page-spin" />;
  return (
    <div className="dashboard">
      <div className="page-title">
        <Typography.Title level={4}>
          {ws.org.name} {ws.year} 年度工作台
        </Typography.Title>
      </div>
      {ws.org.kind === 'county' ? (
        <CountyDashboard county={ws.org} townships={ws.townships} year={ws.year} />
      ) : (
        <TownshipDashboard org={ws.org} year={ws.year} />
      )}
    </div>
  );
}
