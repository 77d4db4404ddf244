import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Spin, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { itemsOf } from '../../api/client.ts';
import { useUser } from '../../auth/AuthProvider.tsx';
import { allowed, kindReadable } from '../../auth/permissions.ts';
import { useCaseCatalogue } from '../../catalogue/useCaseCatalogue.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { useApi } from '../../lib/useApi.ts';
import { RecordForm } from '../ledger/RecordForm.tsx';
import { CaseBoard } from './CaseBoard.tsx';
import { CaseDrawer } from './CaseDrawer.tsx';
import type { CaseSummary } from './types.ts';
import './cases.css';

/** Case boards, one per case type, with statutory deadlines counting down on each card. */
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
  const [adding, setAdding] = useState(false);
  const list = useApi<unknown>(type && ws.org ? '/api/cases' : null, {
    query: { org: ws.org?.id, type: type?.kind, limit: 500 },
  });
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
  const hidden = type.setOnOpen;
  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(search);
    if (v === null) next.delete(k);
    else next.set(k, v);
    setSearch(next, { replace: true });
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
        onChange={(k) => setSearch({ type: k })}
        items={types.map((t) => ({ key: t.kind, label: t.label }))}
      />
      <Typography.Paragraph type="secondary" className="case-summary">
        {type.summary}
      </Typography.Paragraph>
      {list.error && <Typography.Text type="danger">{list.error}</Typography.Text>}
      <CaseBoard
        type={type}
        cases={itemsOf<CaseSummary>(list.data)}
        loading={list.loading}
        onOpen={(id) => setParam('open', String(id))}
      />
      <CaseDrawer
        id={openId ? Number(openId) : null}
        type={type}
        kind={kind}
        onClose={() => setParam('open', null)}
        onChanged={list.reload}
      />
      {township && (
        <RecordForm
          kind={kind}
          township={township}
          subOrgs={ws.subOrgs}
          record={adding ? null : undefined}
          orgName={ws.orgName}
          caseType={type.kind}
          hidden={hidden}
          fixed={initial?.data}
          onClose={() => setAdding(false)}
          onSaved={(r) => {
            setAdding(false);
            void message.success('已登记');
            list.reload();
            setParam('open', String(r.id));
          }}
        />
      )}
    </div>
  );
}
