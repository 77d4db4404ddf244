import { LinkOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Empty,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { errorText, itemsOf, send } from '../../api/client.ts';
import { ExplainDrawer, type ExplainTarget } from '../../components/ExplainDrawer.tsx';
import type { CycleDraft, CycleReport, CycleRow } from '../../api/types.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { useApi } from '../../lib/useApi.ts';
import { DeadlineText, StateTag, dateOf } from './CycleBits.tsx';
import { HistoryTimeline, VersionList } from './CycleRecords.tsx';
import { DraftDocument } from './DraftDocument.tsx';
import { useNoting } from './ParagraphNotes.tsx';
import { UploadedText } from './UploadedText.tsx';
import { HeadlinePanel } from './HeadlinePanel.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { StepActions } from './StepActions.tsx';
import './cycle.css';

/** States in which the county office may upload a report written outside fazhi on a township's behalf. */
const UPLOADABLE = new Set(['not_started', 'drafting', 'returned']);

export const publicUrl = (code: string, year: number): string => `/api/public/reports/${code}/${year}`;

/** The days-left cell: red when the deadline has passed unpublished or the report went out late. */
function DaysCell({ row }: { row: CycleRow }) {
  if (row.publishedAt) return row.late ? <Tag color="red">逾期公开</Tag> : <Tag color="green">按时公开</Tag>;
  return row.daysLeft < 0 ? (
    <Typography.Text type="danger" strong className="cycle-late">
      已超期 {-row.daysLeft} 天
    </Typography.Text>
  ) : (
    <Typography.Text type={row.daysLeft <= 30 ? 'warning' : undefined}>剩 {row.daysLeft} 天</Typography.Text>
  );
}

/** Upload on a township's behalf: a .docx or .txt it wrote outside fazhi, reviewed on arrival. */
function UploadOnBehalf({ r, onDone }: { r: CycleReport; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (f: File) => {
    setBusy(true);
    setError(null);
    try {
      await send(`/api/cycle/${r.townshipId}/${r.year}/upload`, { file: f, query: { name: f.name } });
      void message.success(`已代${r.township}上传《${f.name}》并完成审阅`);
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="cycle-upload">
      <Upload
        accept=".docx,.txt"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(f) => {
          void run(f);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy}>
          代乡镇上传报告（.docx / .txt）
        </Button>
      </Upload>
      {error && <Alert type="error" showIcon title={error} className="cycle-upload-error" />}
    </div>
  );
}

/** Indicators stated several times whose headline figure no one has confirmed yet. */
const pending = (r: CycleReport): number =>
  (r.review?.headlines ?? []).filter(
    (p) => p.alternatives.length > 0 && !r.headlineChoices.some((c) => c.key === p.key),
  ).length;

/** One township's report as the county office handles it: review, steps, text, versions, history. */
function CountyDetail({ row, year, onChanged }: { row: CycleRow; year: number; onChanged: () => void }) {
  const base = `/api/cycle/${row.townshipId}/${year}`;
  const detail = useApi<CycleReport>(base);
  const draft = useApi<CycleDraft>(`${base}/draft`);
  const r = detail.data;
  const notes = useNoting(base, r, draft.data);
  const [explain, setExplain] = useState<ExplainTarget | null>(null);
  const reload = () => {
    detail.reload();
    draft.reload();
    onChanged();
  };
  if (detail.error) return <Alert type="error" showIcon title={detail.error} />;
  if (!r) return <Spin className="page-spin" />;
  return (
    <div className="cycle-detail">
      <Space wrap size="middle" className="cycle-detail-head">
        <StateTag state={r.state} label={r.stateLabel} />
        <Typography.Text>第 {r.version} 版</Typography.Text>
        <DeadlineText
          deadline={r.deadline}
          daysLeft={row.daysLeft}
          late={row.late}
          publishedAt={r.publishedAt}
        />
        {r.signedOn && (
          <Typography.Text type="secondary">
            {r.signedBy} {r.signedOn} 签发
          </Typography.Text>
        )}
        {r.submittedAt && <Typography.Text type="secondary">{dateOf(r.submittedAt)} 报送</Typography.Text>}
        {r.state === 'published' && (
          <a href={publicUrl(row.code, year)} target="_blank" rel="noreferrer" className="cycle-public-link">
            <LinkOutlined /> 公开页面
          </a>
        )}
      </Space>
      <Space wrap className="cycle-detail-actions">
        <StepActions r={r} notes={notes} onDone={reload} />
        {UPLOADABLE.has(r.state) && <UploadOnBehalf r={r} onDone={reload} />}
      </Space>
      <Tabs
        items={[
          {
            key: 'review',
            label: `审阅与核对${r.review ? `（${r.review.cross.length + r.review.findings.length}）` : ''}`,
            children: r.review ? (
              <ReviewPanel review={r.review} />
            ) : (
              <Empty description="乡镇尚未报送，报送时自动审阅并与台账核对" />
            ),
          },
          ...(r.review?.headlines
            ? [
                {
                  key: 'headlines',
                  label: `对比表取数${pending(r) ? `（待确认 ${pending(r)}）` : ''}`,
                  children: <HeadlinePanel r={r} onChanged={detail.reload} />,
                },
              ]
            : []),
          {
            key: 'text',
            label: '报告正文',
            children: r.uploaded ? (
              <UploadedText r={r} />
            ) : draft.data ? (
              <DraftDocument
                r={r}
                draft={draft.data}
                editable={false}
                onSaved={reload}
                onExplain={(key) => setExplain({ key, org: r.townshipId, year })}
                {...(notes.noting ? { noting: notes.noting } : {})}
              />
            ) : (
              <Spin />
            ),
          },
          {
            key: 'history',
            label: `版本与流程记录（${r.history.length}）`,
            children: (
              <>
                <Typography.Title level={5}>版本</Typography.Title>
                <VersionList r={r} />
                <Typography.Title level={5}>流程记录</Typography.Title>
                <HistoryTimeline r={r} />
              </>
            ),
          },
        ]}
      />
      <ExplainDrawer target={explain} onClose={() => setExplain(null)} />
    </div>
  );
}

/**
 * The county office's view of the year's reports (报告报送): every township with its state, dates
 * and days to the publication deadline, and a drawer per township to review, return, accept,
 * record the 保密审查 and publish.
 */
export default function CountyCyclePage() {
  const ws = useWorkspace();
  const list = useApi<unknown>('/api/cycle', { query: { year: ws.year } });
  const rows = itemsOf<CycleRow>(list.data);
  const [openId, setOpenId] = useState<number | null>(null);
  const open = rows.find((x) => x.townshipId === openId);
  const counts = rows.reduce<Record<string, number>>(
    (a, x) => ({ ...a, [x.stateLabel]: (a[x.stateLabel] ?? 0) + 1 }),
    {},
  );
  const late = rows.filter((x) => x.late).length;

  return (
    <div className="cycle-page">
      <div className="page-title">
        <Typography.Title level={4}>{ws.year} 年度报告报送</Typography.Title>
      </div>
      <Card size="small" className="cycle-summary">
        <Space wrap>
          <Typography.Text>共 {rows.length} 个乡镇：</Typography.Text>
          {Object.entries(counts).map(([label, n]) => (
            <Tag key={label}>
              {label} {n}
            </Tag>
          ))}
          {late > 0 && <Tag color="red">逾期 {late}</Tag>}
          {rows[0] && (
            <Typography.Text type="secondary">
              公开截止日 {rows[0].deadline}（次年 3 月 31 日前）
            </Typography.Text>
          )}
        </Space>
      </Card>
      {list.error && <Alert className="form-alert" type="error" showIcon title={list.error} />}
      {!list.data && !list.error && <Spin className="page-spin" />}
      {/* Shown once loaded: a loading table fades its rows in and out. */}
      {list.data !== undefined && (
        <Table<CycleRow>
          className="cycle-table"
          size="small"
          rowKey="townshipId"
          dataSource={[...rows]}
          pagination={false}
          onRow={(row) => ({ onClick: () => setOpenId(row.townshipId) })}
          rowClassName={(row) => (row.late ? 'cycle-row-late' : '')}
          columns={[
            { title: '乡镇', dataIndex: 'township', render: (v: string) => <a>{v}</a> },
            {
              title: '状态',
              dataIndex: 'state',
              render: (_: unknown, row) => <StateTag state={row.state} label={row.stateLabel} />,
            },
            { title: '版本', dataIndex: 'version', align: 'right' },
            { title: '签发日期', dataIndex: 'signedOn', render: (v: string | null) => v ?? '—' },
            { title: '报送时间', dataIndex: 'submittedAt', render: (v: string | null) => dateOf(v) },
            { title: '公开时间', dataIndex: 'publishedAt', render: (v: string | null) => dateOf(v) },
            {
              title: '距公开截止',
              dataIndex: 'daysLeft',
              render: (_: unknown, row) => <DaysCell row={row} />,
            },
            {
              title: '公开页面',
              dataIndex: 'code',
              render: (_: unknown, row) =>
                row.state === 'published' ? (
                  <a
                    href={publicUrl(row.code, ws.year)}
                    target="_blank"
                    rel="noreferrer"
                    onClick={(e) => e.stopPropagation()}
                  >
                    <LinkOutlined /> 查看
                  </a>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
      <Drawer
        title={open ? `${open.township}${ws.year}年度法治政府建设情况报告` : ''}
        open={open !== undefined}
        onClose={() => setOpenId(null)}
        size="large"
        destroyOnHidden
        rootClassName="cycle-drawer"
      >
        {open && <CountyDetail row={open} year={ws.year} onChanged={list.reload} />}
      </Drawer>
    </div>
  );
}
