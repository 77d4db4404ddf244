import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useUser } from '../../auth/AuthProvider.tsx';
import { allowed } from '../../auth/permissions.ts';
import { useApi } from '../../lib/useApi.ts';
import { ConsultationDetailView } from './ConsultationDetailView.tsx';
import { PublishModal } from './PublishModal.tsx';
import { stageOf, type ConsultationView } from './types.ts';
import './consultations.css';

/**
 * 公众参与: the drafts of major decisions put out for public comment on the portal, their comments
 * and the published 意见采纳情况 (重大行政决策程序暂行条例 第14–15条). `/consultations/:id` opens one.
 */
export default function ConsultationsPage() {
  const { id } = useParams();
  if (id !== undefined) return <ConsultationDetailView id={Number(id)} />;
  return <ConsultationList />;
}

function ConsultationList() {
  const user = useUser();
  const nav = useNavigate();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi<{ items: ConsultationView[] }>('/api/consultations');
  const [publishing, setPublishing] = useState(false);
  const open = (c: { id: number }) => void nav(`/consultations/${c.id}`);

  return (
    <Card
      className="consultations-page"
      title="公众参与"
      extra={
        allowed(user, 'consultations.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing(true)}>
            发布征求意见稿
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        重大行政决策草案在公开平台“意见征集”栏目向社会公开征求意见，期限一般不少于30日。截止后逐条处理意见（采纳、部分采纳或不采纳并说明理由），公布意见采纳情况，决策的“公众参与”随之完成。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<ConsultationView>
        rowKey="id"
        size="middle"
        loading={loading && !data}
        dataSource={data?.items ?? []}
        scroll={{ x: 720 }}
        locale={{ emptyText: '尚未发布征求意见稿' }}
        onRow={(c) => ({ onClick: () => open(c), className: 'consultation-row' })}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (v: string, c) => (
              <a
                href={`/consultations/${c.id}`}
                className="consultation-title"
                onClick={(e) => {
                  e.preventDefault();
                  open(c);
                }}
              >
                {v}
              </a>
            ),
          },
          { title: '乡镇', dataIndex: 'township', width: 100 },
          {
            title: '征求意见期间',
            width: 200,
            render: (_v, c) => `${c.opensOn} 至 ${c.closesOn}`,
          },
          { title: '意见', dataIndex: 'comments', width: 70, render: (n: number) => `${n} 条` },
          {
            title: '状态',
            width: 180,
            render: (_v, c) => {
              const s = stageOf(c);
              return <Tag color={s.color}>{s.label}</Tag>;
            },
          },
        ]}
      />
      <PublishModal
        open={publishing}
        onClose={() => setPublishing(false)}
        onDone={(c) => {
          setPublishing(false);
          void message.success('已发布，公开平台即可看到');
          reload();
          open(c);
        }}
      />
    </Card>
  );
}
