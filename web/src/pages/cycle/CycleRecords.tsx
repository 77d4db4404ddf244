import { DiffOutlined, DownloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Empty, Modal, Popconfirm, Spin, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { CYCLE_STATES } from '../../../../src/catalogue/report-cycle.ts';
import { api, download, errorText } from '../../api/client.ts';
import type { CycleReport, ParagraphChange } from '../../api/types.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { useApi } from '../../lib/useApi.ts';
import { ChangeList } from './ChangeList.tsx';
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
export function VersionList({ r, onRestored }: { r: CycleReport; onRestored?: () => void }) {
  const { message } = App.useApp();
  const [picked, setPicked] = useState<readonly number[]>([]);
  const [comparing, setComparing] = useState<readonly [number, number] | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  if (r.versions.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未保存任何版本" />;
  // A third version picked replaces the first one picked: two are compared.
  const pick = (seq: number, on: boolean) =>
    setPicked((p) => (on ? [...p.filter((x) => x !== seq), seq].slice(-2) : p.filter((x) => x !== seq)));
  const restore = async (seq: number) => {
    setRestoring(seq);
    try {
      const out = await api<{ version: number }>(`/api/cycle/${r.townshipId}/${r.year}/draft`, {
        method: 'PUT',
        json: { baseVersion: r.version, edits: {}, restoreFrom: seq },
      });
      void message.success(`已恢复第 ${seq} 版，保存为第 ${out.version} 版`);
      setPicked([]);
      onRestored?.();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setRestoring(null);
    }
  };
  const pair = [...picked].sort((a, b) => a - b);
  return (
    <>
      {r.versions.length > 1 && (
        <div className="cycle-compare-bar">
          <Typography.Text type="secondary" className="cycle-small">
            {pair.length === 2 ? `已选第 ${pair[0]} 版和第 ${pair[1]} 版` : '勾选两个版本可比较'}
          </Typography.Text>
          <Button
            size="small"
            icon={<DiffOutlined />}
            disabled={pair.length !== 2}
            onClick={() => setComparing([pair[0]!, pair[1]!])}
          >
            比较
          </Button>
        </div>
      )}
      <ol className="cycle-versions" reversed>
        {[...r.versions].reverse().map((v) => (
          <li key={v.seq} data-seq={v.seq}>
            <div>
              {r.versions.length > 1 && (
                <Checkbox
                  className="cycle-version-pick"
                  aria-label={`选择第 ${v.seq} 版`}
                  checked={picked.includes(v.seq)}
                  onChange={(e) => pick(v.seq, e.target.checked)}
                />
              )}
              <b>第 {v.seq} 版</b> {KIND[v.kind] ?? v.kind}
              {v.note && <Typography.Text type="secondary">（{v.note}）</Typography.Text>}
            </div>
            <Typography.Text type="secondary" className="cycle-small">
              {v.createdBy} · {timeOf(v.createdAt)}
            </Typography.Text>
            {r.editable && onRestored && v.seq < r.version && (
              <Popconfirm
                title={`恢复第 ${v.seq} 版？`}
                description="以该版本的修改内容保存为新版本，现有各版本都保留。"
                okText="恢复"
                placement="topLeft"
                onConfirm={() => void restore(v.seq)}
              >
                <Button
                  type="link"
                  size="small"
                  icon={<RollbackOutlined />}
                  loading={restoring === v.seq}
                  className="cycle-restore"
                >
                  恢复此版本
                </Button>
              </Popconfirm>
            )}
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
      <Modal
        title={comparing ? `比较第 ${comparing[0]} 版与第 ${comparing[1]} 版` : ''}
        open={comparing !== null}
        onCancel={() => setComparing(null)}
        footer={null}
        width={860}
        destroyOnHidden
        rootClassName="cycle-compare-modal"
      >
        {comparing && <CompareBody r={r} from={comparing[0]} to={comparing[1]} />}
      </Modal>
    </>
  );
}

/** The paragraphs that differ between two versions, loaded when the comparison opens. */
function CompareBody({ r, from, to }: { r: CycleReport; from: number; to: number }) {
  const res = useApi<{ changes: ParagraphChange[] }>(`/api/cycle/${r.townshipId}/${r.year}/compare`, {
    query: { from, to },
  });
  if (res.error) return <Alert type="error" showIcon title={res.error} />;
  if (!res.data) return <Spin className="page-spin" />;
  const n = res.data.changes.length;
  return (
    <div className="cycle-compare" data-from={from} data-to={to}>
      {n > 0 && (
        <Typography.Paragraph type="secondary">
          第 {to} 版相对第 {from} 版：共 {n} 段不同
        </Typography.Paragraph>
      )}
      <ChangeList changes={res.data.changes} />
    </div>
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
