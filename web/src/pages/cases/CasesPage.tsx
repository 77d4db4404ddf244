import { DownloadOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Input, Segmented, Select, Space, Spin, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, download, errorText, itemsOf } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { useUser } from '../../auth/AuthProvider.tsx';
import { allowed, kindReadable } from '../../auth/permissions.ts';
import { useCaseCatalogue } from '../../catalogue/useCaseCatalogue.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { useApi } from '../../lib/useApi.ts';
import { DUE_OPTIONS } from '../ledger/LedgerToolbar.tsx';
import { ColumnChooser, PrintView, useColumnChoice } from '../ledger/ListTools.tsx';
import { RecordForm } from '../ledger/RecordForm.tsx';
import { CaseBoard } from './CaseBoard.tsx';
import { CaseDrawer } from './CaseDrawer.tsx';
import { caseColumns, caseRow, CaseTable } from './CaseTable.tsx';
import type { CaseSummary } from './types.ts';
import './cases.css';

/** Cases a print takes at most. */
const PRINT_LIMIT = 500;

interface CaseFilters {
  readonly q: string;
  readonly state: string | undefined;
  readonly due: 'overdue' | 'soon' | undefined;
  readonly township: number | undefined;
}
const NO_FILTERS: CaseFilters = { q: '', state: undefined, due: undefined, township: undefined };

/**
 * Cases of one case type, as a table (the default) or a board of its states, with statutory
 * deadlines counting down. The header's year: cases registered in it, and earlier ones still under way.
 */
export default function CasesPage() {
  const user = useUser();
  const cat = useCatalogue();
  const ws = useWorkspace();
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const caseCat = useCaseCatalogue();
  const types = (caseCat.types ?? []).filter((t) => kindReadable(user, t.kind));
  const typeId = search.get('type') ?? types[0]?.kind ?? '';
  const type = types.find((t) => t.kind === typeId) ?? types[0];
  const openId = search.get('open');
  const view = search.get('view') === 'board' ? 'board' : 'table';
  const [adding, setAdding] = useState(false);
  const [filters, setFilters] = useState<CaseFilters>(NO_FILTERS);
  const [page, setPage] = useState({ current: 1, size: 20 });
  const [selected, setSelected] = useState<number[]>([]);
  const [printing, setPrinting] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const county = ws.org?.kind === 'county';
  const [hidden, setHidden] = useColumnChoice('cases');

  useEffect(() => setFilters(NO_FILTERS), [type?.kind, ws.org?.id]);
  useEffect(() => {
    setPage((p) => ({ ...p, current: 1 }));
    setSelected([]);
  }, [filters, type?.kind, ws.org?.id, ws.year]);

  /** The filters as the API takes them, without the state (the board's columns are states). */
  const base = useMemo(
    () => ({
      org: (county ? filters.township : undefined) ?? ws.org?.id,
      type: type?.kind,
      year: ws.year,
      q: filters.q || undefined,
      due: filters.due,
    }),
    [county, filters, ws.org?.id, ws.year, type?.kind],
  );
  const tableQuery = {
    ...base,
    state: filters.state,
    limit: page.size,
    offset: (page.current - 1) * page.size,
  };
  const list = useApi<Page<CaseSummary>>(type && ws.org && view === 'table' ? '/api/cases' : null, {
    query: tableQuery,
  });
  const reload = () => {
    list.reload();
    setReloadKey((k) => k + 1);
  };
  const kind = type ? cat?.kind(type.kind) : undefined;

  if (caseCat.error)
    return <Typography.Text type="danger">案件目录暂不可用：{caseCat.error}</Typography.Text>;
  if (!cat || !ws.org || !type || !kind) return <Spin className="page-spin" />;
  const township = ws.org.kind === 'township' ? ws.org : undefined;
  const canOpen =
    township !== undefined &&
    allowed(user, 'cases.write') &&
    (user.writeKinds === null || user.writeKinds.includes(type.kind)) &&
    (type.openRoles as readonly string[]).includes(user.role);
  const initial = type.states.find((s) => s.id === type.initial);
  const hidden0 = type.setOnOpen;
  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(search);
    if (v === null) next.delete(k);
    else next.set(k, v);
    setSearch(next, { replace: true });
  };
  const set = (f: Partial<CaseFilters>) => setFilters((x) => ({ ...x, ...f }));
  const columns = caseColumns(county);

  const exportRows = () => {
    const ids = selected.length > 0 ? selected.join(',') : undefined;
    const query = {
      org: base.org,
      kind: type.kind,
      caseYear: ws.year,
      q: base.q,
      state: filters.state,
      due: base.due,
      ids,
    };
    void download('/api/export', `${ws.org?.name ?? ''}${ws.year}年度${kind.label}.xlsx`, { query }).then(
      () => void message.success(ids ? `已导出所选 ${selected.length} 件` : '已导出筛选结果'),
      (e: unknown) => void message.error(errorText(e)),
    );
  };
  const printTable = async () => {
    const shown = columns.filter((c) => !hidden.has(c.key));
    const all = await api<Page<CaseSummary>>('/api/cases', {
      query: { ...base, state: filters.state, limit: PRINT_LIMIT, offset: 0 },
    });
    const pick = selected.length > 0 ? all.items.filter((c) => selected.includes(c.id)) : all.items;
    return {
      title: `${ws.org?.name ?? ''}${type.label}案件`,
      subtitle: `${ws.year}年登记的及以前年度仍在办理中的案件${filters.q ? `，标题含“${filters.q}”` : ''}`,
      head: shown.map((c) => c.title),
      rows: pick.map((c) => caseRow(shown, c, ws.orgName)),
      total: selected.length > 0 ? selected.length : all.total,
    };
  };

  return (
    <div className="cases-page">
      <div className="page-title">
        <Typography.Title level={4}>案件办理</Typography.Title>
        {canOpen && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记{kind.label}
          </Button>
        )}
      </div>
      <Tabs
        activeKey={type.kind}
        onChange={(k) => setSearch(view === 'board' ? { type: k, view } : { type: k })}
        items={types.map((t) => ({ key: t.kind, label: t.label }))}
      />
      <Typography.Paragraph type="secondary" className="case-summary">
        {type.summary}
      </Typography.Paragraph>
      <div className="case-toolbar">
        <Space wrap>
          <Segmented
            aria-label="显示方式"
            value={view}
            onChange={(v) => setParam('view', v === 'board' ? 'board' : null)}
            options={[
              { value: 'table', label: '表格' },
              { value: 'board', label: '看板' },
            ]}
          />
          {county && (
            <Select
              aria-label="乡镇（街道）"
              placeholder="全部乡镇（街道）"
              allowClear
              value={filters.township}
              onChange={(v: number | undefined) => set({ township: v })}
              style={{ width: 150 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={ws.townships.map((o) => ({ value: o.id, label: o.name }))}
            />
          )}
          <Select
            aria-label="办理状态"
            placeholder="全部状态"
            allowClear
            value={filters.state}
            onChange={(v: string | undefined) => set({ state: v })}
            style={{ width: 130 }}
            options={type.states.map((s) => ({ value: s.id, label: s.label }))}
          />
          <Select
            aria-label="期限"
            placeholder="全部期限"
            allowClear
            value={filters.due}
            onChange={(v: CaseFilters['due']) => set({ due: v })}
            style={{ width: 120 }}
            options={DUE_OPTIONS}
          />
          <Input.Search
            key={`${type.kind}:${ws.org.id}`}
            aria-label="搜索案件"
            placeholder="搜索案件标题"
            allowClear
            onSearch={(q) => set({ q })}
            style={{ width: 180 }}
          />
        </Space>
        {view === 'table' && (
          <Space wrap>
            <ColumnChooser columns={columns} hidden={hidden} onChange={setHidden} />
            <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>
              打印
            </Button>
            {allowed(user, 'ledger.export') && (
              <Button icon={<DownloadOutlined />} onClick={exportRows}>
                {selected.length > 0 ? `导出所选（${selected.length}）` : '导出筛选结果'}
              </Button>
            )}
          </Space>
        )}
      </div>
      <Typography.Paragraph type="secondary" className="case-year-note">
        显示{ws.year}
        年登记的案件，以及以前年度登记、仍在办理中的案件（调解成功后待回访等已办结的不列入；在页头切换年度）。
      </Typography.Paragraph>
      {list.error && <Typography.Text type="danger">{list.error}</Typography.Text>}
      {view === 'table' ? (
        <CaseTable
          items={itemsOf<CaseSummary>(list.data)}
          total={list.data?.total ?? 0}
          page={page.current}
          pageSize={page.size}
          loading={list.loading}
          county={county}
          hidden={hidden}
          selected={selected}
          onSelect={setSelected}
          orgName={ws.orgName}
          onPage={(current, size) => setPage({ current, size })}
          onOpen={(id) => setParam('open', String(id))}
        />
      ) : (
        <CaseBoard
          type={type}
          query={base}
          state={filters.state}
          reloadKey={reloadKey}
          orgName={county ? ws.orgName : null}
          onOpen={(id) => setParam('open', String(id))}
        />
      )}
      <PrintView open={printing} load={printTable} onClose={() => setPrinting(false)} />
      <CaseDrawer
        id={openId ? Number(openId) : null}
        type={type}
        kind={kind}
        onClose={() => setParam('open', null)}
        onChanged={reload}
      />
      {township && (
        <RecordForm
          kind={kind}
          township={township}
          subOrgs={ws.subOrgs}
          record={adding ? null : undefined}
          orgName={ws.orgName}
          caseType={type.kind}
          hidden={hidden0}
          fixed={initial?.data}
          onClose={() => setAdding(false)}
          onSaved={(r) => {
            setAdding(false);
            void message.success('已登记');
            reload();
            setParam('open', String(r.id));
          }}
        />
      )}
    </div>
  );
}
