import { FileImageOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Spin, Tag, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorText, itemsOf, send } from '../../api/client.ts';
import type { EvidenceFile } from '../../api/types.ts';
import { chinaToday } from '../../lib/dates.ts';
import { useApi } from '../../lib/useApi.ts';
import type { CaseDetail, CaseSummary } from '../cases/types.ts';
import { Deadline } from './Deadline.tsx';
import { MobileShell } from './MobileShell.tsx';
import { oversized, PhotoInput, uploadPhotos } from './PhotoInput.tsx';
import { progressWords } from './progress.ts';

const stateColor: Readonly<Record<string, string>> = {
  registered: 'blue',
  mediating: 'gold',
  resolved: 'green',
  failed: 'default',
};

/** The grid member's own reports (the server shows a grid member nothing else), newest first. */
function ReportList() {
  const { data, error, loading } = useApi<unknown>('/api/cases', { query: { type: 'dispute', limit: 200 } });
  const items = itemsOf<CaseSummary>(data);
  const today = chinaToday().format('YYYY-MM-DD');
  if (error) return <Alert type="error" showIcon title={error} />;
  if (loading && !data) return <Spin className="page-spin" />;
  if (items.length === 0) return <Empty description="还没有上报过矛盾纠纷" />;
  return (
    <ul className="mobile-reports" aria-label="我的上报">
      {items.map((c) => (
        <li key={c.id}>
          <Link to={`/m/mine/${c.id}`} className="mobile-report">
            <div className="mobile-report-head">
              <span className="mobile-report-title">{c.title}</span>
              <RightOutlined />
            </div>
            <div className="mobile-report-meta">
              <Tag color={stateColor[c.state] ?? 'default'}>{c.stateLabel}</Tag>
              <span>{c.date}</span>
            </div>
            <div className="mobile-report-progress">{progressWords(c, today)}</div>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** A photo of the report, fetched with the session cookie and shown inline. */
function Photo({ file }: { file: EvidenceFile }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let u: string | undefined;
    void send(`/api/evidence/${file.id}`)
      .then((r) => r.blob())
      .then((b) => setUrl((u = URL.createObjectURL(b))))
      .catch(() => undefined);
    return () => {
      if (u) URL.revokeObjectURL(u);
    };
  }, [file.id]);
  return url ? (
    <img src={url} alt={file.fileName} className="mobile-photo" />
  ) : (
    <FileImageOutlined className="mobile-photo-icon" aria-label={file.fileName} />
  );
}

/** One report: where it stands, its steps so far, its deadline, and its photos (more can be added). */
function ReportDetail({ id }: { id: string }) {
  const nav = useNavigate();
  const c = useApi<CaseDetail>(`/api/cases/${id}`);
  const files = useApi<unknown>(`/api/records/${id}/evidence`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const today = chinaToday().format('YYYY-MM-DD');
  if (c.error) return <Alert type="error" showIcon title={c.error} />;
  if (!c.data) return <Spin className="page-spin" />;
  const d = c.data;
  const running = d.clocks.filter((k) => k.status === 'running');
  const add = async (picked: File[]) => {
    const tooBig = oversized(picked);
    if (tooBig) return setError(tooBig);
    setBusy(true);
    setError(null);
    try {
      await uploadPhotos(d.id, picked);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
      files.reload();
    }
  };
  const photos = itemsOf<EvidenceFile>(files.data);
  return (
    <div className="mobile-detail">
      <Button type="link" className="mobile-back" onClick={() => void nav('/m/mine')}>
        ‹ 返回我的上报
      </Button>
      <h2 className="mobile-detail-title">{d.title}</h2>
      <div className="mobile-report-meta">
        <Tag color={stateColor[d.state] ?? 'default'}>{d.stateLabel}</Tag>
        <span>{d.date}</span>
      </div>
      <p className="mobile-report-progress" data-testid="report-progress">
        {progressWords(d, today)}
      </p>
      {running.map((k) => (
        <Deadline key={k.id} clock={k} />
      ))}
      <h3 className="mobile-section">办理经过</h3>
      <Timeline
        items={d.events
          .filter((e) => e.outcome === 'done')
          .map((e) => ({ key: e.seq, content: `${e.date} ${e.label}${e.actor ? `（${e.actor}）` : ''}` }))}
      />
      <h3 className="mobile-section">现场照片（{photos.length} 张）</h3>
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      <div className="mobile-photo-grid" data-testid="report-photos">
        {photos.map((f) => (
          <Photo key={f.id} file={f} />
        ))}
      </div>
      <PhotoInput label="补拍照片" onPick={(f) => void add(f)} busy={busy} testId="detail-photo" />
    </div>
  );
}

export default function MyReportsPage() {
  const { id } = useParams();
  return (
    <MobileShell title="我的上报">{id ? <ReportDetail key={id} id={id} /> : <ReportList />}</MobileShell>
  );
}
