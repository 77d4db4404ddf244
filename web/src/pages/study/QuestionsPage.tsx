import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { laws } from '../../../../src/catalogue/laws.ts';
import { DIFFICULTIES, QUESTION_TYPES } from '../../../../src/catalogue/questions.ts';
import { api, download, errorText } from '../../api/client.ts';
import type { Org } from '../../api/types.ts';
import { useAuth } from '../../auth/AuthProvider.tsx';
import { isCounty } from '../../auth/permissions.ts';
import { useApi } from '../../lib/useApi.ts';
import { QuestionImportModal } from './QuestionImportModal.tsx';
import { QuestionModal } from './QuestionModal.tsx';
import type { Question, QuestionCounts, QuestionPage } from './types.ts';
import './study.css';

const LETTERS = 'ABCDEF';
const answerText = (q: Question): string =>
  q.type === 'judge' ? (q.options[q.answer[0] ?? 0] ?? '') : q.answer.map((i) => LETTERS[i] ?? '').join('');

/** The question bank: the starter bank, the superiors' and the unit's own questions; add, correct, retire, import, export. */
export default function QuestionsPage() {
  const { user } = useAuth();
  const { message } = App.useApp();
  const county = user ? isCounty(user) : false;
  const [orgId, setOrgId] = useState<number | undefined>(user?.orgId ?? undefined);
  const [law, setLaw] = useState<string>();
  const [type, setType] = useState<string>();
  const [difficulty, setDifficulty] = useState<string>();
  const [q, setQ] = useState<string>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Question | null | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [err, setErr] = useState<string>();
  const query = { orgId, law, type, difficulty, q, page };
  const list = useApi<QuestionPage>('/api/questions', { query });
  const counts = useApi<QuestionCounts>('/api/questions/counts', { query: { orgId } });
  const orgs = useApi<{ items: Org[] }>(county ? '/api/orgs' : null);
  const byLaw = useMemo(() => {
    const m = new Map<string, { label: string; n: number }>();
    for (const c of counts.data?.items ?? []) {
      const e = m.get(c.law) ?? { label: c.lawLabel, n: 0 };
      m.set(c.law, { ...e, n: e.n + c.n });
    }
    return [...m.entries()];
  }, [counts.data]);
  const reload = () => {
    list.reload();
    counts.reload();
  };
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const retire = async (x: Question) => {
    try {
      await api(`/api/questions/${x.id}`, { method: 'DELETE' });
      void message.success(`已删除题目 ${x.code}`);
      reload();
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const own = (x: Question) => x.orgId !== null && x.orgId === orgId;

  return (
    <Card
      className="questions-page"
      title="题库"
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void download('/api/questions/template', '题库导入模板.xlsx')}
          >
            下载模板
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            导入
          </Button>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void download('/api/questions/export', '题库.xlsx', { query: { orgId } }).catch((e: unknown) =>
                setErr(errorText(e)),
              )
            }
          >
            导出
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            新增题目
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        入门题库随系统提供，各单位可在此基础上增加本单位的题目；修正题目保存为新版本，已组卷的试卷仍按原题计分。
        共 {counts.data?.total ?? '…'} 题可用于组卷。
      </Typography.Paragraph>
      <div className="question-counts">
        {byLaw.map(([id, c]) => (
          <Tag.CheckableTag
            key={id}
            checked={law === id}
            onChange={(on) => filter(setLaw)(on ? id : undefined)}
          >
            {c.label} {c.n}
          </Tag.CheckableTag>
        ))}
      </div>
      <Space wrap className="question-filters">
        {county && (
          <Select
            aria-label="单位"
            style={{ width: 180 }}
            value={orgId}
            onChange={filter(setOrgId)}
            options={(orgs.data?.items ?? [])
              .filter((o) => o.kind !== 'village')
              .map((o) => ({ value: o.id, label: o.name }))}
          />
        )}
        <Select
          aria-label="法律法规"
          placeholder="法律法规"
          allowClear
          style={{ width: 200 }}
          value={law}
          onChange={filter(setLaw)}
          options={laws.map((l) => ({ value: l.id, label: l.label }))}
        />
        <Select
          aria-label="题型"
          placeholder="题型"
          allowClear
          style={{ width: 110 }}
          value={type}
          onChange={filter(setType)}
          options={Object.entries(QUESTION_TYPES).map(([value, label]) => ({ value, label }))}
        />
        <Select
          aria-label="难度"
          placeholder="难度"
          allowClear
          style={{ width: 100 }}
          value={difficulty}
          onChange={filter(setDifficulty)}
          options={Object.entries(DIFFICULTIES).map(([value, label]) => ({ value, label }))}
        />
        <Input.Search
          placeholder="题干、选项或题号"
          allowClear
          onSearch={(v) => filter(setQ)(v || undefined)}
          style={{ width: 220 }}
        />
      </Space>
      {(list.error ?? err) && (
        <Alert className="form-alert" type="error" showIcon title={list.error ?? err} />
      )}
      <Table<Question>
        rowKey="id"
        size="middle"
        loading={list.loading && !list.data}
        dataSource={[...(list.data?.items ?? [])]}
        scroll={{ x: 900 }}
        locale={{ emptyText: '没有符合条件的题目' }}
        pagination={{
          current: page,
          pageSize: list.data?.pageSize ?? 20,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => `共 ${n} 题`,
        }}
        expandable={{
          expandedRowRender: (x) => (
            <div className="question-detail">
              <ol type="A">
                {x.options.map((o, i) => (
                  <li key={i} className={x.answer.includes(i) ? 'question-right' : undefined}>
                    {o}
                  </li>
                ))}
              </ol>
              {x.note && <Typography.Paragraph type="secondary">解析：{x.note}</Typography.Paragraph>}
            </div>
          ),
        }}
        columns={[
          { title: '题号', dataIndex: 'code', width: 130 },
          { title: '法律法规', dataIndex: 'lawLabel', width: 130 },
          { title: '题型', dataIndex: 'type', width: 80, render: (t: Question['type']) => QUESTION_TYPES[t] },
          {
            title: '难度',
            dataIndex: 'difficulty',
            width: 70,
            render: (d: Question['difficulty']) => DIFFICULTIES[d],
          },
          {
            title: '题干',
            dataIndex: 'stem',
            width: 320,
            render: (s: string) => <span className="question-stem">{s}</span>,
          },
          { title: '答案', width: 70, render: (_, x) => answerText(x) },
          { title: '出处', dataIndex: 'article', width: 120 },
          { title: '版本', dataIndex: 'version', width: 60 },
          {
            title: '来源',
            dataIndex: 'source',
            width: 100,
            render: (s: string, x) => <Tag color={x.orgId === null ? 'default' : 'blue'}>{s}</Tag>,
          },
          {
            title: '操作',
            width: 120,
            fixed: 'right',
            render: (_, x) =>
              own(x) ? (
                <Space size={4}>
                  <Button type="link" size="small" onClick={() => setEditing(x)}>
                    修正
                  </Button>
                  <Popconfirm
                    title="删除这道题？"
                    description="删除后不再用于组卷，已组卷的试卷保留原题。"
                    okText="删除"
                    cancelText="取消"
                    onConfirm={() => void retire(x)}
                  >
                    <Button type="link" size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
      <QuestionModal
        open={editing !== undefined}
        orgId={orgId}
        editing={editing ?? null}
        onClose={() => setEditing(undefined)}
        onSaved={(x) => {
          void message.success(editing ? `已保存为版本 ${x.version}` : `已新增题目 ${x.code}`);
          setEditing(undefined);
          reload();
        }}
      />
      <QuestionImportModal
        open={importing}
        orgId={orgId}
        onClose={() => setImporting(false)}
        onImported={reload}
      />
    </Card>
  );
}
