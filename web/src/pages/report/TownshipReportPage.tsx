import { AimOutlined, LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { ExplainDrawer, type ExplainTarget } from '../../components/ExplainDrawer.tsx';
import type { CycleDraft, CycleReport, LedgerChanges } from '../../api/types.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { useApi } from '../../lib/useApi.ts';
import { DeadlineText, StateTag, dateOf } from '../cycle/CycleBits.tsx';
import { HistoryTimeline, VersionList } from '../cycle/CycleRecords.tsx';
import { DraftDocument, PlaceholderList, goToParagraph } from '../cycle/DraftDocument.tsx';
import { useNoting, type Returned } from '../cycle/ParagraphNotes.tsx';
import {
  DraftReviewButton,
  DraftReviewPanel,
  mayReviewDraft,
  useDraftReview,
} from '../cycle/DraftReview.tsx';
import { LedgerNotice } from '../cycle/LedgerNotice.tsx';
import { ReviewPanel } from '../cycle/ReviewPanel.tsx';
import { StepActions } from '../cycle/StepActions.tsx';
import '../cycle/cycle.css';
import { ReportTabs } from './ReportTabs.tsx';

/** States before the county has the report: its review on arrival is not shown yet. */
const BEFORE_SUBMISSION = new Set(['not_started', 'drafting', 'awaiting_signature', 'signed']);

/**
 * The township's annual report in its cycle: the draft as a document edited paragraph by
 * paragraph, its 待补充 items, the steps this user may take (提请签发, 签发, 报送), the county's
 * return comment, the review made on arrival, the versions and the history.
 */
export default function TownshipReportPage() {
  const ws = useWorkspace();
  const town = ws.org?.kind === 'township' ? ws.org : ws.townships[0];
  const base = town ? `/api/cycle/${town.id}/${ws.year}` : null;
  const detail = useApi<CycleReport>(base);
  const draft = useApi<CycleDraft>(base && `${base}/draft`);
  const ledger = useApi<LedgerChanges>(base && `${base}/ledger-changes`);
  const r = detail.data;
  const d = draft.data;
  const pre = useDraftReview(r);
  const [explain, setExplain] = useState<ExplainTarget | null>(null);
  const notes = useNoting(base, r, d);
  const reload = () => {
    detail.reload();
    draft.reload();
    ledger.reload();
  };

  if (!town) return <Empty className="report-empty" description="请选择一个乡镇" />;
  const showReview = r?.review && (!BEFORE_SUBMISSION.has(r.state) || r.returned);
  return (
    <div className="cycle-page">
      <ReportTabs />
      <div className="page-title">
        <Typography.Title level={4}>
          {town.name}
          {ws.year}年度法治政府建设情况报告
        </Typography.Title>
      </div>
      {detail.error && <Alert className="form-alert" type="error" showIcon title={detail.error} />}
      {!r ? (
        <Spin className="page-spin" />
      ) : (
        <>
          <Card size="small" className="cycle-head">
            <div className="cycle-head-row">
              <Space wrap size="middle">
                <StateTag state={r.state} label={r.stateLabel} />
                <Typography.Text>第 {r.version} 版</Typography.Text>
                <DeadlineText deadline={r.deadline} publishedAt={r.publishedAt} />
                {r.signedOn && (
                  <Typography.Text type="secondary">
                    {r.signedBy} {r.signedOn} 签发
                  </Typography.Text>
                )}
                {r.submittedAt && (
                  <Typography.Text type="secondary">{dateOf(r.submittedAt)} 报送</Typography.Text>
                )}
                {r.state === 'published' && town.code && (
                  <a href={`/api/public/reports/${town.code}/${r.year}`} target="_blank" rel="noreferrer">
                    <LinkOutlined /> 公开页面
                  </a>
                )}
              </Space>
              <Space wrap>
                {mayReviewDraft(r) && (
                  <DraftReviewButton loading={pre.state?.loading ?? false} onClick={() => void pre.run()} />
                )}
                <StepActions r={r} notes={notes} onDone={reload} />
              </Space>
            </div>
          </Card>
          {ledger.data && <LedgerNotice changes={ledger.data} />}
          {pre.state && <DraftReviewPanel state={pre.state} onClose={pre.close} />}
          {r.returned && <ReturnedNotice returned={r.returned} draft={d} />}
          {showReview && r.review && <ReviewPanel review={r.review} />}
          <Row gutter={12}>
            <Col xs={24} xl={17}>
              {draft.error && <Alert type="error" showIcon title={draft.error} />}
              {d ? (
                <DraftDocument
                  r={r}
                  draft={d}
                  editable={r.editable}
                  onSaved={reload}
                  onExplain={(key) => setExplain({ key, org: town.id, year: ws.year })}
                  {...(notes.noting ? { noting: notes.noting } : {})}
                />
              ) : (
                !draft.error && <Spin className="page-spin" />
              )}
            </Col>
            <Col xs={24} xl={7} className="cycle-side">
              {d && <PlaceholderList draft={d} />}
              <Card size="small" title={`版本（${r.versions.length}）`}>
                <VersionList r={r} onRestored={reload} />
              </Card>
              <Card size="small" title="流程记录">
                <HistoryTimeline r={r} />
              </Card>
            </Col>
          </Row>
        </>
      )}
      <ExplainDrawer target={explain} onClose={() => setExplain(null)} />
    </div>
  );
}

/** The latest return: who sent it back, the comment, and each paragraph note with a link to it. */
function ReturnedNotice({ returned, draft }: { returned: Returned; draft: CycleDraft | undefined }) {
  return (
    <Alert
      className="cycle-returned"
      type="error"
      showIcon
      title={`${returned.by}退回意见（${returned.actor}，${dateOf(returned.at)}）`}
      description={
        <>
          {returned.comment && <div className="cycle-returned-text">{returned.comment}</div>}
          {returned.notes.length > 0 && (
            <div className="cycle-returned-notes">
              <Typography.Text strong>
                逐段批注 {returned.notes.length} 条，已标在正文各段下方：
              </Typography.Text>
              <ul>
                {returned.notes.map((n) => (
                  <li key={n.key}>
                    <Button
                      type="link"
                      size="small"
                      icon={<AimOutlined />}
                      onClick={() => goToParagraph(n.key)}
                    >
                      {draft?.paragraphs.find((p) => p.key === n.key)?.where ?? '段落'}
                    </Button>
                    {n.text}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      }
    />
  );
}
