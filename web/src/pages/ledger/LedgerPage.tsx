import { App, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, download, errorText } from '../../api/client.ts';
import type { LedgerRecord, Page } from '../../api/types.ts';
import { useUser } from '../../auth/AuthProvider.tsx';
import { allowed, kindReadable, kindWritable } from '../../auth/permissions.ts';
import { useCaseCatalogue } from '../../catalogue/useCaseCatalogue.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { useApi } from '../../lib/useApi.ts';
import { EvidenceDrawer } from './EvidenceDrawer.tsx';
import { ImportModal } from './ImportModal.tsx';
import { ColumnChooser, PrintView, useColumnChoice } from './ListTools.tsx';
import { LedgerToolbar, type Filters } from './LedgerToolbar.tsx';
import { OtherYearNote } from './OtherYearNote.tsx';
import { RecordForm } from './RecordForm.tsx';
import { hiddenByDefault, recordColumns, recordRow, RecordTable, stateFields } from './RecordTable.tsx';
import './ledger.css';

/** Rows a print takes at most (one request, the list's page limit). */
const PRINT_LIMIT = 500;

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
  const [filters, setFilters] = useState<Filters>({
    range: yearRange(),
    subOrg: undefined,
    township: undefined,
    q: '',
    state: undefined,
    due: undefined,
  });
  const [page, setPage] = useState({ current: 1, size: 20 });
  const [selected, setSelected] = useState<number[]>([]);
  const [printing, setPrinting] = useState(false);
  const caseCat = useCaseCatalogue();
  const [editing, setEditing] = useState<LedgerRecord | null | undefined>(undefined);
  const [evidenceOf, setEvidenceOf] = useState<LedgerRecord | null>(null);
  const [importing, setImporting] = useState(false);

  // A new year in the header resets the date range to that year.
  useEffect(() => setFilters((f) => ({ ...f, range: yearRange() })), [ws.year]);
  useEffect(() => {
    setPage((p) => ({ ...p, current: 1 }));
    setSelected([]);
  }, [filters, kindId, ws.org?.id]);
  // Another kind has other states; another organisation other townships and villages.
  useEffect(() => setFilters((f) => ({ ...f, state: undefined, due: undefined })), [kindId]);
  useEffect(() => setFilters((f) => ({ ...f, township: undefined, subOrg: undefined })), [ws.org?.id]);

  // A kind the role may not read is not shown at all (its select would show the bare key): the
  // page moves on to the first kind it may read.
  const kind = kindId && kindReadable(user, kindId) ? cat?.kind(kindId) : undefined;
  const caseType = caseCat.types?.find((t) => t.kind === kind?.id);
  const county = ws.org?.kind === 'county';
  const [hidden, setHidden] = useColumnChoice(`ledger.${kind?.id ?? ''}`, kind ? hiddenByDefault(kind) : []);
  /** The list's filters as the API takes them; the export and the print view use the same. */
  const filterQuery = useMemo(
    () => ({
      org: (county ? filters.township : filters.subOrg) ?? ws.org?.id,
      kind: kind?.id,
      from: filters.range?.[0].format('YYYY-MM-DD'),
      to: filters.range?.[1].format('YYYY-MM-DD'),
      q: filters.q || undefined,
      state: filters.state,
      due: filters.due,
    }),
    [filters, ws.org?.id, kind?.id, county],
  );
  const query = useMemo(
    () => ({ ...filterQuery, limit: page.size, offset: (page.current - 1) * page.size }),
    [filterQuery, page],
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

  const columns = recordColumns(kind, county);
  const states = stateFields(caseType);
  const exportRows = () => {
    const name = `${ws.org?.name ?? ''}${kind.label}台账.xlsx`;
    const ids = selected.length > 0 ? selected.join(',') : undefined;
    // The export needs a period; no range chosen means every date.
    const period = filters.range ? {} : { from: '2000-01-01', to: '2100-12-31' };
    void download('/api/export', name, { query: { ...filterQuery, ...period, ids } }).then(
      () => void message.success(ids ? `已导出所选 ${selected.length} 条` : '已导出筛选结果'),
      (e: unknown) => void message.error(errorText(e)),
    );
  };
  const printTable = async () => {
    const shown = columns.filter((c) => !hidden.has(c.key));
    const page = await api<Page<LedgerRecord>>('/api/records', {
      query: { ...filterQuery, limit: PRINT_LIMIT, offset: 0 },
    });
    const pick = selected.length > 0 ? page.items.filter((r) => selected.includes(r.id)) : page.items;
    const range = filters.range
      ? `${filters.range[0].format('YYYY-MM-DD')} 至 ${filters.range[1].format('YYYY-MM-DD')}`
      : '全部日期';
    return {
      title: `${ws.org?.name ?? ''}${kind.label}台账`,
      subtitle: `${range}${filters.q ? `，标题含“${filters.q}”` : ''}`,
      head: shown.map((c) => c.title),
      rows: pick.map((r) => recordRow(kind, shown, r, ws.orgName, states)),
      total: selected.length > 0 ? selected.length : page.total,
    };
  };

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
        caseType={caseType}
        onKind={(id) => void nav(`/ledger/${id}`)}
        subOrgs={ws.subOrgs}
        townships={county ? ws.townships : []}
        filters={filters}
        onFilters={setFilters}
        org={ws.org}
        year={ws.year}
        canAdd={canWrite}
        canImport={allowed(user, 'ledger.import') && township !== undefined}
        canExport={allowed(user, 'ledger.export')}
        selected={selected.length}
        onExport={exportRows}
        onPrint={() => setPrinting(true)}
        columns={<ColumnChooser columns={columns} hidden={hidden} onChange={setHidden} />}
        onAdd={() => setEditing(null)}
        onImport={() => setImporting(true)}
      />
      {list.error && <Typography.Text type="danger">{list.error}</Typography.Text>}
      <RecordTable
        kind={kind}
        caseType={caseType}
        county={county}
        hidden={hidden}
        selected={selected}
        onSelect={setSelected}
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
          caseOf={caseType}
          orgName={ws.orgName}
          onClose={() => setEditing(undefined)}
          onSaved={(r) => {
            setEditing(undefined);
            const y = Number(r.date.slice(0, 4));
            // A record dated in another year is not in this list: say where it went.
            if (y !== ws.year && kind.temporal === 'event')
              void message.success({
                content: <OtherYearNote what="已保存" year={y} onSwitch={() => ws.setYear(y)} />,
                duration: 8,
              });
            else void message.success('已保存');
            list.reload();
          }}
        />
      )}
      <PrintView open={printing} load={printTable} onClose={() => setPrinting(false)} />
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
          year={ws.year}
          onYear={(y) => {
            ws.setYear(y);
            setImporting(false);
          }}
        />
      )}
    </div>
  );
}
