import { CheckCircleTwoTone, MinusCircleOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Drawer, Table, Tag } from 'antd';
import type { Explanation } from '../api/types.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { formatValue } from '../lib/format.ts';
import { useApi } from '../lib/useApi.ts';

export interface ExplainTarget {
  readonly key: string;
  readonly org: number;
  readonly year: number;
}

/** Where a figure comes from: its formula, 口径, and every record it counts. */
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
              { key: 'f', label: '计算方法', children: data.formula },
              { key: 'b', label: '统计口径', children: data.basis },
              { key: 'n', label: '依据记录', children: `${data.records.length} 条` },
            ]}
          />
          <Table
            className="explain-table"
            size="small"
            rowKey="id"
            loading={loading}
            dataSource={data.records}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '日期', dataIndex: 'date', width: 110 },
              {
                title: '类型',
                dataIndex: 'kind',
                width: 130,
                render: (k: string) => <Tag>{cat?.kind(k)?.label ?? k}</Tag>,
              },
              { title: '标题', dataIndex: 'title', ellipsis: true },
              {
                title: '计入',
                dataIndex: 'counted',
                width: 60,
                align: 'center',
                render: (c: boolean) =>
                  c ? (
                    <CheckCircleTwoTone twoToneColor="#52c41a" aria-label="计入" />
                  ) : (
                    <MinusCircleOutlined aria-label="不计入" />
                  ),
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
