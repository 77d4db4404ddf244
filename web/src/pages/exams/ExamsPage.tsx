import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { useApi } from '../../lib/useApi.ts';
import { ExamDrawer } from './ExamDrawer.tsx';
import { NewExamModal } from './NewExamModal.tsx';
import { examStage, windowText, type ExamSummary } from './types.ts';
import './exams.css';

const percent = (n: number, d: number): string => (d > 0 ? `${((n / d) * 100).toFixed(1)}%` : '—');

/**
 * 考试组织: the exams of the chosen organisation and year, 新建考试, and each exam's candidates and
 * results; closing an exam writes its exam record and one score record per person to the ledger.
 */
export default function ExamsPage() {
  const ws = useWorkspace();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi<{ items: ExamSummary[] }>(ws.org ? '/api/exams' : null, {
    query: { orgId: ws.org?.id, year: ws.year },
  });
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  return (
    <Card
      className="exams-page"
      title="考试组织"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建考试
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        考生在考试时间内用手机或电脑在线作答，题目和选项顺序按人打乱，计时以服务器为准，交卷即自动评分。考试结束后，考试记录和每人的成绩写入学法考试台账，参考率、合格率、优秀率随之更新。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<ExamSummary>
        rowKey="id"
        size="middle"
        loading={loading && !data}
        dataSource={data?.items ?? []}
        scroll={{ x: 820 }}
        locale={{ emptyText: `${ws.year}年尚未组织考试` }}
        columns={[
          {
            title: '考试名称',
            dataIndex: 'title',
            render: (v: string, e) => (
              <a
                href={`#exam-${e.id}`}
                className="exam-title-link"
                onClick={(ev) => {
                  ev.preventDefault();
                  setOpenId(e.id);
                }}
              >
                {v}
              </a>
            ),
          },
          { title: '组织单位', dataIndex: 'organiser', width: 140 },
          { title: '考试时间', width: 230, render: (_v, e) => windowText(e) },
          {
            title: '状态',
            width: 90,
            render: (_v, e) => {
              const s = examStage(e);
              return <Tag color={s.color}>{s.label}</Tag>;
            },
          },
          { title: '应参考', dataIndex: 'required', width: 80 },
          { title: '已参考', dataIndex: 'sat', width: 80 },
          { title: '参考率', width: 80, render: (_v, e) => percent(e.sat, e.required) },
          { title: '合格率', width: 80, render: (_v, e) => percent(e.passed, e.sat) },
        ]}
      />
      <NewExamModal
        open={creating}
        onClose={() => setCreating(false)}
        onDone={(e) => {
          setCreating(false);
          void message.success('考试已创建，考生在“我的考试”中即可看到');
          reload();
          setOpenId(e.id);
        }}
      />
      <ExamDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} />
    </Card>
  );
}
