import { App, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, errorText } from '../../api/client.ts';
import type { LedgerRecord, Page } from '../../api/types.ts';
import { useUser } from '../../auth/AuthProvider.tsx';
import { allowed, kindReadable, kindWritable } from '../../auth/permissions.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { useApi } from '../../lib/useApi.ts';
import { EvidenceDrawer } from './EvidenceDrawer.tsx';
import { ImportModal } from './ImportModal.tsx';
import { LedgerToolbar, type Filters } from './LedgerToolbar.tsx';
import { RecordForm } from './RecordForm.tsx';
import { RecordTable } from './RecordTable.tsx';
import './ledger.css';

/** One list and one form per record kind, all generated from the catalogue. */
export default function LedgerPage() {
  const { kind: kindId } = useParams();
  const [search, setSearch] = useSearchParams();
  const nav = useNavigate();
  const user = useUser();
  const cat = useCatalogue();
  const ws = useWorkspace();
  const { message } = App.useApp();
  const yearRange = (): Filters['range'] => [dayjs(`${ws.year}-01-01`), dayjs(`${ws.year}-12-31`)];
  const [filters, setFilters] = useState<Filters>({ range: yearRange(), subOrg: undefined, q: '' });
  const [page, setPage] = useState({ current: 1, size: 20 });
  const [editing, setEditing] = useState<LedgerRecord | null | undefined>(undefined);
  const [evidenceOf, setEvidenceOf] = useState<LedgerRecord | null>(null);
  const [importing, setImporting] = useState(false);

  // A new year in the header resets the date range to that year.
  useEffect(() => setFilters((f) => ({ ...f, range: yearRange() })), [ws.year]);
  useEffect(() => setPage((p) => ({ ...p, current: 1 })), [filters, kindId, ws.org?.id]);

  const kind = kindId ? cat?.kind(kindId) : undefined;
  const query = useMemo(
    () => ({
      org: filters.subOrg ?? ws.org?.id,
      kind: kind?.id,
      from: filters.range?.[0].format('YYYY-MM-DD'),
      to: filters.range?.[1].format('YYYY-MM-DD'),
      q: filters.q || undefined,
      limit: page.size,
      offset: (page.current - 1) * page.size,
    }),
    [filters, ws.org?.id, kind?.id, page],
  );
  const list = useApi<Page<LedgerRecord>>(kind && ws.org ? '/api/records' : null, { query });

  // A link from the dashboard (?record=) opens that record's evidence.
  const linked = search.get('record');
  useEffect(() => {
    if (!linked) return;
    void api<LedgerRecord>(`/api/records/${linked}`).then(setEvidenceOf, () => undefined);
    setSearch({}, { replace: true });
  }, [linked, setSearch]);

  if (!cat || !ws.org) return <Spin className="page-spin" />;
  const readable = cat.kinds.filter((k) => kindReadable(user, k.id));
  if (!kind) return readable[0] ? <Navigate to={`/ledger/${readable[0].id}`} replace /> : null;
  const township = ws.org.kind === 'township' ? ws.org : undefined;
  const canWrite = kindWritable(user, kind.id) && township !== undefined;

  const remove = async (r: LedgerRecord) => {
    try {
      await api(`/api/records/${r.id}`, { method: 'DELETE' });
      void message.success('已删除');
      list.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <div className="ledger-page">
      <div className="page-title">
        <Typography.Title level={4}>
          {kind.label}
          <span className="title-sub">
            {cat.groups[kind.group]} ·{' '}
            {kind.temporal === 'registry' ? '名册（按年末在册统计）' : '按日期统计'}
          </span>
        </Typography.Title>
      </div>
      <LedgerToolbar
        kinds={readable}
        kind={kind}
        onKind={(id) => void nav(`/ledger/${id}`)}
        subOrgs={ws.subOrgs}
        filters={filters}
        onFilters={setFilters}
        org={ws.org}
        year={ws.year}
        canAdd={canWrite}
        canImport={allowed(user, 'ledger.import') && township !== undefined}
        canExport={allowed(user, 'ledger.export')}
        onAdd={() => setEditing(null)}
        onImport={() => setImporting(true)}
      />
      {list.error && <Typography.Text type="danger">{list.error}</Typography.Text>}
      <RecordTable
        kind={kind}
        items={list.data?.items ?? []}
        total={list.data?.total ?? 0}
        page={page.current}
        pageSize={page.size}
        loading={list.loading}
        canWrite={canWrite}
        orgName={ws.orgName}
        onPage={(current, size) => setPage({ current, size })}
        onEdit={setEditing}
        onEvidence={setEvidenceOf}
        onDelete={(r) => void remove(r)}
      />
      {township && (
        <RecordForm
          kind={kind}
          township={township}
          subOrgs={ws.subOrgs}
          record={editing}
          orgName={ws.orgName}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void message.success('已保存');
            list.reload();
          }}
        />
      )}
      <EvidenceDrawer
        record={evidenceOf}
        canWrite={canWrite || kindWritable(user, kind.id)}
        onClose={() => setEvidenceOf(null)}
      />
      {township && (
        <ImportModal
          open={importing}
          township={township.id}
          kind={kind.id}
          onClose={() => setImporting(false)}
          onImported={list.reload}
        />
      )}
    </div>
  );
}
