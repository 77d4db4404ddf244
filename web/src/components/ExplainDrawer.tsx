import { CheckCircleTwoTone, MinusCircleOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Drawer, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { Explanation } from '../api/types.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { formatValue } from '../lib/format.ts';
import { useApi } from '../lib/useApi.ts';

export interface ExplainTarget {
  readonly key: string;
  readonly org: number;
  readonly year: number;
}

type Row = Explanation['records'][number];

/** The page a listed record opens on: a case in its board, any other record in its ledger. */
export function recordLink(r: Pick<Row, 'id' | 'kind' | 'isCase'>): string {
  return r.isCase ? `/cases?type=${r.kind}&open=${r.id}` : `/ledger/${r.kind}?record=${r.id}`;
}

/** The person a per-person record (an exam score) is about, before its title: 参考率 lists the people. */
function personOf(r: Row, perPerson: boolean): string {
  const p = r.data['person'];
  return perPerson && typeof p === 'string' && p ? `${p}：` : '';
}

/** Where a figure comes from: its method and formula, 口径, and every record it counts or leaves out, with why. */
export function ExplainDrawer({ target, onClose }: { target: ExplainTarget | null; onClose: () => void }) {
  const cat = useCatalogue();
  const { data, error, loading } = useApi<Explanation>(target ? '/api/explain' : null, {
    query: target ? { key: target.key, org: target.org, year: target.year } : undefined,
  });
  const ind = data?.indicator;
  return (
    <Drawer
      title={ind ? `${ind.label}：${formatValue(ind.value, ind.unit)}` : '指标依据'}
      open={target !== null}
      onClose={onClose}
      size="large"
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} />}
      {data && (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'm', label: '计算方法', children: data.method },
              { key: 'f', label: '计算公式', children: data.formula },
              { key: 'b', label: '统计口径', children: data.basis },
              {
                key: 'n',
                label: '依据记录',
                children: `计入 ${data.records.filter((r) => r.counted).length} 条，未计入 ${data.records.filter((r) => !r.counted).length} 条`,
              },
            ]}
          />
          <Table
            className="explain-table"
            size="small"
            rowKey="id"
            loading={loading}
            dataSource={data.records}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            // On a phone the columns are wider than the drawer: they scroll within it, never past it.
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '日期', dataIndex: 'date', width: 110 },
              {
                title: '类型',
                dataIndex: 'kind',
                width: 130,
                render: (k: string) => <Tag>{cat?.kind(k)?.label ?? k}</Tag>,
              },
              {
                title: '标题',
                dataIndex: 'title',
                ellipsis: true,
                render: (t: string, r: Row) => (
                  <Link to={recordLink(r)} onClick={onClose}>
                    {personOf(r, cat?.kind(r.kind)?.perPerson === true)}
                    {t}
                  </Link>
                ),
              },
              {
                title: '计入',
                dataIndex: 'counted',
                width: 110,
                render: (c: boolean, r: Row) =>
                  c ? (
                    <span>
                      <CheckCircleTwoTone twoToneColor="#52c41a" /> {r.part ?? '计入'}
                    </span>
                  ) : (
                    <span className="explain-out">
                      <MinusCircleOutlined /> 不计入
                    </span>
                  ),
              },
              {
                title: '说明',
                dataIndex: 'reason',
                render: (why: string | null) => why ?? '',
              },
              {
                title: '数值',
                dataIndex: 'contributes',
                width: 70,
                align: 'right',
                render: (v: number | null) => (v === null ? '' : v),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
