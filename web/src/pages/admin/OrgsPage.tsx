import { Card, Col, Descriptions, Row, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState } from 'react';
import type { Org, OrgKind } from '../../api/types.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';

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

/** The organisation tree within the user's scope. */
export default function OrgsPage() {
  const { orgs } = useWorkspace();
  const tree = useMemo(() => nodes(orgs, null), [orgs]);
  const [selected, setSelected] = useState<Org>();
  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>组织机构</Typography.Title>
      </div>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card size="small" title={`共 ${orgs.length} 个组织`}>
            {tree.length > 0 && (
              <Tree
                treeData={tree}
                defaultExpandedKeys={tree.map((n) => n.key)}
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
    </div>
  );
}
