import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Timeline, Typography } from 'antd';
import { CYCLE_STATES } from '../../../../src/catalogue/report-cycle.ts';
import { download, errorText } from '../../api/client.ts';
import type { CycleReport } from '../../api/types.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { timeOf } from './CycleBits.tsx';

const KIND: Readonly<Record<string, string>> = {
  draft: '草稿',
  signed: '签发稿',
  upload: '代传稿',
  published: '公开稿',
};

/** Kinds of version that carry a file (a draft is saved as edits only). */
const WITH_FILE = new Set(['signed', 'upload', 'published']);

/** The report's versions, newest first, each with its file when it has one. */
export function VersionList({ r }: { r: CycleReport }) {
  const { message } = App.useApp();
  if (r.versions.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未保存任何版本" />;
  return (
    <ol className="cycle-versions" reversed>
      {[...r.versions].reverse().map((v) => (
        <li key={v.seq} data-seq={v.seq}>
          <div>
            <b>第 {v.seq} 版</b> {KIND[v.kind] ?? v.kind}
            {v.note && <Typography.Text type="secondary">（{v.note}）</Typography.Text>}
          </div>
          <Typography.Text type="secondary" className="cycle-small">
            {v.createdBy} · {timeOf(v.createdAt)}
          </Typography.Text>
          {v.fileName && WITH_FILE.has(v.kind) && (
            <Button
              type="link"
              size="small"
              icon={<DownloadOutlined />}
              aria-label={`下载第 ${v.seq} 版`}
              onClick={() =>
                void download(
                  `/api/cycle/${r.townshipId}/${r.year}/versions/${v.seq}/file`,
                  v.fileName ?? `第${v.seq}版.docx`,
                ).catch((e: unknown) => void message.error(errorText(e)))
              }
            >
              {v.fileName}
            </Button>
          )}
        </li>
      ))}
    </ol>
  );
}

/** What a step's recorded detail says: the 保密审查's reviewer and result, or the uploaded file. */
function detailText(d: unknown): string | null {
  if (!d || typeof d !== 'object') return null;
  const o = d as { reviewer?: string; result?: string; redactions?: string[]; fileName?: string };
  if (o.reviewer)
    return `审查人 ${o.reviewer}，${o.result === 'redacted' ? `删除涉密内容后通过（${(o.redactions ?? []).length} 处）` : '通过'}`;
  if (o.fileName) return `文件 ${o.fileName}`;
  return null;
}

/** Every step taken or refused, in order; a refused step in red with the reason. */
export function HistoryTimeline({ r }: { r: CycleReport }) {
  const cat = useCatalogue();
  if (r.history.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无流程记录" />;
  return (
    <Timeline
      className="cycle-history"
      items={r.history.map((h, i) => {
        const refused = h.outcome === 'refused';
        const detail = detailText(h.detail);
        return {
          key: i,
          color: refused ? 'red' : h.step === 'return' || h.step === 'return_draft' ? 'orange' : 'blue',
          content: (
            <div className={refused ? 'cycle-event refused' : 'cycle-event'} data-step={h.step}>
              <div>
                <b>{h.label}</b>
                {refused ? (
                  <Typography.Text type="danger">（未办理）</Typography.Text>
                ) : (
                  h.to &&
                  h.from !== h.to && (
                    <Typography.Text type="secondary"> → {stateName(r, h.to)}</Typography.Text>
                  )
                )}
              </div>
              {h.comment && (
                <div className={refused ? 'cycle-reason' : 'cycle-comment'}>
                  {refused ? '原因：' : '意见：'}
                  {h.comment}
                </div>
              )}
              {detail && <div className="cycle-small">{detail}</div>}
              <Typography.Text type="secondary" className="cycle-small">
                {h.actor}（{cat?.roleLabel(h.role) ?? h.role}）· {timeOf(h.at)}
              </Typography.Text>
            </div>
          ),
        };
      })}
    />
  );
}

/** A state's name; the report's own label when it is the current state. */
const stateName = (r: CycleReport, s: string): string =>
  s === r.state ? r.stateLabel : s in CYCLE_STATES ? CYCLE_STATES[s as keyof typeof CYCLE_STATES] : s;
