import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Row, Tree, Typography, type GetRef } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useRef, useState, type Key } from 'react';
import type { Org, OrgKind } from '../../api/types.ts';
import { useUser } from '../../auth/AuthProvider.tsx';
import { allowed } from '../../auth/permissions.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { NewOrgModal } from './NewOrgModal.tsx';

const KIND: Record<OrgKind, string> = {
  county: '县（区）',
  township: '乡镇（街道）',
  village: '村（社区）',
  department: '部门',
};

function nodes(all: readonly Org[], parent: number | null): DataNode[] {
  const ids = new Set(all.map((o) => o.id));
  // The roots are the orgs whose parent lies outside the user's scope.
  const here =
    parent === null
      ? all.filter((o) => o.parentId === null || !ids.has(o.parentId))
      : all.filter((o) => o.parentId === parent);
  return here.map((o) => ({ key: o.id, title: `${o.name}（${KIND[o.kind]}）`, children: nodes(all, o.id) }));
}

/** The organisation tree within the user's scope; the system administrator adds organisations to it. */
export default function OrgsPage() {
  const me = useUser();
  const { orgs, reloadOrgs } = useWorkspace();
  const { message } = App.useApp();
  const tree = useMemo(() => nodes(orgs, null), [orgs]);
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
          <Card size="small" title={`共 ${orgs.length} 个组织`}>
            {tree.length > 0 && (
              <Tree
                ref={treeRef}
                treeData={tree}
                expandedKeys={expanded ?? tree.map((n) => n.key)}
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
            <Card size="small" title={selected.name}>
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
