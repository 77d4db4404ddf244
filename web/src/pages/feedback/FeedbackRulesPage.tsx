import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { FeedbackCategory } from '../../../../src/catalogue/feedback.ts';
import type { FeedbackRules } from '../../../../src/services/public/feedback-rules.ts';
import { api, errorText } from '../../api/client.ts';
import { useApi } from '../../lib/useApi.ts';
import './feedback.css';

/** A row being edited: a new category has no id until the server gives it one. */
interface Row {
  readonly key: string;
  readonly id: string | null;
  readonly label: string;
  readonly caseType: FeedbackCategory['caseType'];
  readonly subtype: string;
}

let fresh = 0;
const toRows = (list: readonly FeedbackCategory[]): Row[] => list.map((c) => ({ ...c, key: c.id }));

/**
 * The county's 群众诉求 categories: what residents choose on the public portal, and the case each
 * becomes at the township — a dispute of a 纠纷类型, or a petition of a 信访类型.
 */
export default function FeedbackRulesPage() {
  const { message } = App.useApp();
  const { data, error, reload } = useApi<FeedbackRules>('/api/feedback-rules');
  const [rows, setRows] = useState<Row[]>([]);
  const [err, setErr] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (data) setRows(toRows(data.categories));
  }, [data]);

  const change = (key: string, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (i: number, by: number) =>
    setRows((rs) => {
      const next = [...rs];
      const [r] = next.splice(i, 1);
      next.splice(i + by, 0, r!);
      return next;
    });
  const subtypes = (t: Row['caseType']) =>
    (data?.caseTypes.find((c) => c.value === t)?.subtypes ?? []).map((s) => ({
      value: s.value,
      label: s.label,
    }));
  const save = async () => {
    setBusy(true);
    try {
      const categories = rows.map(({ id, label, caseType, subtype }) => ({ id, label, caseType, subtype }));
      await api('/api/feedback-rules', { method: 'PUT', json: { categories } });
      setErr(undefined);
      void message.success('已保存群众诉求分类');
      reload();
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="feedback-rules-page">
      <div className="page-title">
        <Typography.Title level={4}>群众诉求分类</Typography.Title>
      </div>
      <Card>
        <Typography.Paragraph type="secondary">
          群众在公开平台反映问题时从这些分类中选择；每个分类在问题发生地的乡镇登记为矛盾纠纷（按人民调解程序，一般一个月内调结）或信访事项（15日内告知是否受理），并按对应的纠纷类型或信访类型统计。
          {data && (
            <>
              {' '}
              {data.county.name}
              {data.configured ? <Tag color="blue">已设置</Tag> : <Tag>使用默认分类</Tag>}
            </>
          )}
        </Typography.Paragraph>
        {(error ?? err) && (
          <Alert type="error" showIcon title={error ?? err} className="feedback-rules-error" />
        )}
        <Table<Row>
          rowKey="key"
          size="small"
          pagination={false}
          loading={!data && !error}
          dataSource={rows}
          columns={[
            {
              title: '分类名称',
              render: (_, r) => (
                <Input
                  aria-label="分类名称"
                  value={r.label}
                  maxLength={20}
                  onChange={(e) => change(r.key, { label: e.target.value })}
                />
              ),
            },
            {
              title: '转为',
              width: 170,
              render: (_, r) => (
                <Select
                  aria-label="转为"
                  className="feedback-rules-select"
                  value={r.caseType}
                  options={(data?.caseTypes ?? []).map((c) => ({ value: c.value, label: c.label }))}
                  onChange={(caseType: Row['caseType']) =>
                    change(r.key, { caseType, subtype: subtypes(caseType)[0]?.value ?? '' })
                  }
                />
              ),
            },
            {
              title: '纠纷类型/信访类型',
              width: 190,
              render: (_, r) => (
                <Select
                  aria-label="类型"
                  className="feedback-rules-select"
                  value={r.subtype}
                  options={subtypes(r.caseType)}
                  onChange={(subtype: string) => change(r.key, { subtype })}
                />
              ),
            },
            {
              title: '操作',
              width: 130,
              render: (_, r, i) => (
                <Space size={0}>
                  <Button
                    type="text"
                    aria-label="上移"
                    icon={<ArrowUpOutlined />}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  />
                  <Button
                    type="text"
                    aria-label="下移"
                    icon={<ArrowDownOutlined />}
                    disabled={i === rows.length - 1}
                    onClick={() => move(i, 1)}
                  />
                  <Button
                    type="text"
                    danger
                    aria-label="删除"
                    icon={<DeleteOutlined />}
                    onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                  />
                </Space>
              ),
            },
          ]}
        />
        <Space wrap className="feedback-rules-actions">
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setRows((rs) => [
                ...rs,
                {
                  key: `new${++fresh}`,
                  id: null,
                  label: '',
                  caseType: 'dispute',
                  subtype: subtypes('dispute')[0]?.value ?? '',
                },
              ])
            }
          >
            新增分类
          </Button>
          <Popconfirm
            title="恢复为默认的群众诉求分类？保存后生效。"
            onConfirm={() => data && setRows(toRows(data.defaults))}
          >
            <Button>恢复默认</Button>
          </Popconfirm>
          <Button type="primary" loading={busy} onClick={() => void save()}>
            保存
          </Button>
        </Space>
      </Card>
    </div>
  );
}
