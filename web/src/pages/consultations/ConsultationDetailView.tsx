import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useUser } from '../../auth/AuthProvider.tsx';
import { allowed } from '../../auth/permissions.ts';
import { useApi } from '../../lib/useApi.ts';
import { MarkModal } from './MarkModal.tsx';
import { SummaryModal } from './SummaryModal.tsx';
import { DECISIONS, chinaTime, stageOf, type CommentView, type ConsultationDetail } from './types.ts';

/** Why the summary cannot be published yet, or null when it can. */
function summaryBlocked(c: ConsultationDetail): string | null {
  if (c.summary) return '意见采纳情况已公布';
  if (c.open) return `征求意见至${c.closesOn}截止，截止后方可公布`;
  if (c.unmarked > 0) return `尚有${c.unmarked}条意见未处理`;
  return null;
}

/** One consultation: its window and texts, every comment (with name and contact) to handle, the summary. */
export function ConsultationDetailView({ id }: { id: number }) {
  const user = useUser();
  const nav = useNavigate();
  const { message } = App.useApp();
  const { data: c, error, loading, reload } = useApi<ConsultationDetail>(`/api/consultations/${id}`);
  const [marking, setMarking] = useState<CommentView | null>(null);
  const [summarising, setSummarising] = useState(false);
  const manage = allowed(user, 'consultations.manage');
  const blocked = c ? summaryBlocked(c) : '';
  const stage = c ? stageOf(c) : null;

  return (
    <Card
      className="consultation-detail"
      loading={loading && !c}
      title={
        <Space>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label="返回列表"
            onClick={() => void nav('/consultations')}
          />
          <span className="consultation-title">{c?.title ?? '征求意见'}</span>
        </Space>
      }
      extra={
        c &&
        manage && (
          <Tooltip title={blocked}>
            <Button type="primary" disabled={blocked !== null} onClick={() => setSummarising(true)}>
              公布意见采纳情况
            </Button>
          </Tooltip>
        )
      }
    >
      {error && <Alert type="error" showIcon message={error} />}
      {c && stage && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} className="consultation-facts">
            <Descriptions.Item label="状态">
              <Tag color={stage.color}>{stage.label}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="乡镇">{c.township}</Descriptions.Item>
            <Descriptions.Item label="决策事项">{c.caseTitle}</Descriptions.Item>
            <Descriptions.Item label="征求意见期间">
              {c.opensOn} 至 {c.closesOn}
            </Descriptions.Item>
            {c.shortReason && <Descriptions.Item label="缩短期限的理由">{c.shortReason}</Descriptions.Item>}
            <Descriptions.Item label="收到意见">
              {c.comments} 条{c.unmarked > 0 ? `（${c.unmarked} 条待处理）` : ''}
            </Descriptions.Item>
          </Descriptions>
          <Collapse
            size="small"
            items={[
              {
                key: 'e',
                label: '起草说明',
                children: <div className="consultation-text">{c.explanation}</div>,
              },
              { key: 'd', label: '草案文本', children: <div className="consultation-text">{c.draft}</div> },
            ]}
          />
          {c.summary && (
            <Card size="small" title="已公布的意见采纳情况" style={{ marginTop: 16 }}>
              <Space size="large" wrap className="summary-counts">
                <Statistic title="收到意见" value={c.summary.received} suffix="条" />
                <Statistic title="采纳" value={c.summary.adopted} suffix="条" />
                <Statistic title="部分采纳" value={c.summary.partly} suffix="条" />
                <Statistic title="不采纳" value={c.summary.rejected} suffix="条" />
              </Space>
              <Typography.Paragraph className="consultation-text">{c.summary.text}</Typography.Paragraph>
            </Card>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            公众意见
          </Typography.Title>
          <Table<CommentView>
            className="comments-table"
            rowKey="id"
            size="small"
            dataSource={c.items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 960 }}
            locale={{ emptyText: '尚未收到意见' }}
            columns={[
              { title: '序号', width: 56, render: (_v, _r, i) => i + 1 },
              { title: '提交时间', dataIndex: 'createdAt', width: 136, render: (v: string) => chinaTime(v) },
              {
                title: '意见',
                dataIndex: 'body',
                width: 220,
                render: (v: string) => (
                  <Typography.Paragraph
                    className="comment-body"
                    ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}
                  >
                    {v}
                  </Typography.Paragraph>
                ),
              },
              { title: '姓名', dataIndex: 'name', width: 80, render: (v: string | null) => v ?? '—' },
              { title: '联系方式', dataIndex: 'contact', width: 120, render: (v: string | null) => v ?? '—' },
              {
                title: '处理结果',
                dataIndex: 'decision',
                width: 100,
                render: (v: CommentView['decision']) => {
                  const d = DECISIONS.find((x) => x.value === v);
                  return d ? <Tag color={d.color}>{d.label}</Tag> : <Tag color="orange">待处理</Tag>;
                },
              },
              { title: '意见摘要', dataIndex: 'digest', render: (v: string | null) => v ?? '' },
              { title: '理由', dataIndex: 'reason', render: (v: string | null) => v ?? '' },
              ...(manage
                ? [
                    {
                      title: '操作',
                      key: 'act',
                      width: 80,
                      fixed: 'right' as const,
                      render: (_v: unknown, r: CommentView) => (
                        <Button size="small" disabled={c.summary !== null} onClick={() => setMarking(r)}>
                          处理
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <MarkModal
            consultationId={c.id}
            comment={marking}
            onClose={() => setMarking(null)}
            onDone={() => {
              setMarking(null);
              void message.success('已保存');
              reload();
            }}
          />
          <SummaryModal
            c={c}
            open={summarising}
            onClose={() => setSummarising(false)}
            onDone={() => {
              setSummarising(false);
              void message.success('意见采纳情况已公布');
              reload();
            }}
          />
        </>
      )}
    </Card>
  );
}
