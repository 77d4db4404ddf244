import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Modal,
  Row,
  Tree,
  Typography,
  type GetRef,
} from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useRef, useState, type Key } from 'react';
import { api, errorText } from '../../api/client.ts';
import type { Org, OrgKind } from '../../api/types.ts';
import { useUser } from '../../auth/AuthProvider.tsx';
import { allowed } from '../../auth/permissions.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { NewOrgModal } from './NewOrgModal.tsx';
import './orgs.css';

const KIND: Record<OrgKind, string> = {
  county: '县（区）',
  township: '乡镇（街道）',
  village: '村（社区）',
  department: '部门',
};

/** The tree's nodes; with `keep`, only those organisations (a search's matches and their ancestors). */
function nodes(all: readonly Org[], parent: number | null, keep?: ReadonlySet<number>): DataNode[] {
  const ids = new Set(all.map((o) => o.id));
  // The roots are the orgs whose parent lies outside the user's scope.
  const here =
    parent === null
      ? all.filter((o) => o.parentId === null || !ids.has(o.parentId))
      : all.filter((o) => o.parentId === parent);
  return here
    .filter((o) => !keep || keep.has(o.id))
    .map((o) => ({
      key: o.id,
      // The kind beside the name, not in brackets: names such as 南湖街道 may hold brackets of their own.
      title: (
        <span>
          {o.name} <span className="org-kind">{KIND[o.kind]}</span>
        </span>
      ),
      children: nodes(all, o.id, keep),
    }));
}

/** Organisations whose name or code holds `text`, with every ancestor, so the tree shows their path. */
function matching(all: readonly Org[], text: string): Set<number> {
  const byId = new Map(all.map((o) => [o.id, o]));
  const keep = new Set<number>();
  for (const o of all) {
    if (!o.name.includes(text) && !o.code.includes(text)) continue;
    for (
      let x: Org | undefined = o;
      x && !keep.has(x.id);
      x = x.parentId === null ? undefined : byId.get(x.parentId)
    )
      keep.add(x.id);
  }
  return keep;
}

/** The organisation tree within the user's scope; the system administrator adds organisations to it. */
export default function OrgsPage() {
  const me = useUser();
  const { orgs, reloadOrgs } = useWorkspace();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const keep = useMemo(() => (search.trim() ? matching(orgs, search.trim()) : undefined), [orgs, search]);
  const tree = useMemo(() => nodes(orgs, null, keep), [orgs, keep]);
  const [renaming, setRenaming] = useState<{ org: Org; name: string; error?: string } | null>(null);
  const canManage = allowed(me, 'orgs.manage');
  const rename = async () => {
    if (!renaming) return;
    try {
      const org = await api<Org>(`/api/orgs/${renaming.org.id}`, {
        method: 'PATCH',
        json: { name: renaming.name },
      });
      setRenaming(null);
      setSelected(org);
      void message.success(`已改名为“${org.name}”`);
      reloadOrgs();
    } catch (e) {
      setRenaming({ ...renaming, error: errorText(e) });
    }
  };
  const [selected, setSelected] = useState<Org>();
  const [adding, setAdding] = useState(false);
  const [expanded, setExpanded] = useState<Key[]>();
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  /** A just-added organisation to bring into view once the reloaded tree holds it (the tree is virtual). */
  const [reveal, setReveal] = useState<number | null>(null);
  useEffect(() => {
    if (reveal === null || !orgs.some((o) => o.id === reveal)) return;
    treeRef.current?.scrollTo({ key: reveal, align: 'top' });
    setReveal(null);
  }, [orgs, reveal]);
  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>组织机构</Typography.Title>
        {allowed(me, 'orgs.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            新增组织
          </Button>
        )}
      </div>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={
              keep ? `找到 ${keep.size} 个（含上级），共 ${orgs.length} 个组织` : `共 ${orgs.length} 个组织`
            }
            extra={
              <Input.Search
                aria-label="搜索组织"
                allowClear
                placeholder="名称或代码"
                style={{ width: 180 }}
                onSearch={setSearch}
                onChange={(e) => {
                  if (!e.target.value) setSearch('');
                }}
              />
            }
          >
            {tree.length > 0 && (
              <Tree
                ref={treeRef}
                treeData={tree}
                expandedKeys={keep ? [...keep] : (expanded ?? tree.map((n) => n.key))}
                onExpand={setExpanded}
                selectedKeys={selected ? [selected.id] : []}
                onSelect={(keys) => setSelected(orgs.find((o) => o.id === keys[0]))}
                height={560}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {selected && (
            <Card
              size="small"
              title={selected.name}
              extra={
                canManage && (
                  <Button size="small" onClick={() => setRenaming({ org: selected, name: selected.name })}>
                    修改名称
                  </Button>
                )
              }
            >
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'c', label: '代码', children: selected.code },
                  { key: 'k', label: '类型', children: KIND[selected.kind] },
                  {
                    key: 'n',
                    label: '下级组织',
                    children: orgs.filter((o) => o.parentId === selected.id).length,
                  },
                ]}
              />
            </Card>
          )}
        </Col>
      </Row>
      <Modal
        title={renaming ? `修改“${renaming.org.name}”的名称` : '修改名称'}
        open={renaming !== null}
        onCancel={() => setRenaming(null)}
        onOk={() => void rename()}
        okText="保存"
        destroyOnHidden
        rootClassName="rename-org-modal"
      >
        {renaming?.error && <Alert className="form-alert" type="error" showIcon title={renaming.error} />}
        <Input
          aria-label="新名称"
          maxLength={60}
          value={renaming?.name ?? ''}
          onChange={(e) => renaming && setRenaming({ ...renaming, name: e.target.value })}
          onPressEnter={() => void rename()}
        />
        <Typography.Paragraph type="secondary" className="form-hint">
          代码、类型和上下级关系不变，台账记录和账号仍归属该组织。
        </Typography.Paragraph>
      </Modal>
      <NewOrgModal
        open={adding}
        orgs={orgs}
        near={selected}
        onClose={() => setAdding(false)}
        onCreated={(org) => {
          setAdding(false);
          void message.success(`已新增${KIND[org.kind]}“${org.name}”`);
          setSelected(org);
          // Unfold the path down to the new organisation so it can be seen at once.
          const parent = orgs.find((o) => o.id === org.parentId);
          const up = [parent?.id, parent?.parentId].filter((x): x is number => typeof x === 'number');
          setExpanded((e) => [...new Set([...(e ?? tree.map((n) => n.key)), ...up])]);
          setReveal(org.id);
          reloadOrgs();
        }}
      />
    </div>
  );
}
