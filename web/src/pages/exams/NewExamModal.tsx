import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Switch,
  TreeSelect,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { laws } from '../../../../src/catalogue/laws.ts';
import { roles } from '../../../../src/catalogue/roles.ts';
import {
  EXAM_DISPLAYS,
  PAPER_MODES,
  QUESTION_TYPES,
  type QuestionType,
} from '../../../../src/catalogue/questions.ts';
import { api, errorText } from '../../api/client.ts';
import { useUser } from '../../auth/AuthProvider.tsx';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { useApi } from '../../lib/useApi.ts';
import {
  chinaNow,
  examBody,
  orgTree,
  ruleTotal,
  SITTING_ROLES,
  usernamesOf,
  type ExamFormValues,
} from './exam-form.ts';
import type { ExamDetail } from './types.ts';

const RANGE_FORMAT = 'YYYY-MM-DD HH:mm';

/** Questions the bank holds per law and type, when the bank says (GET /api/questions/counts). */
interface BankCount {
  readonly law: string;
  readonly type: QuestionType;
  readonly n: number;
}

function RuleRows({ available }: { available: (law: string, type: string) => number | undefined }) {
  return (
    <Form.List name="rules">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <div className="exam-rules-row" key={f.key}>
              <Form.Item
                name={[f.name, 'law']}
                rules={[{ required: true, message: '请选择法律法规' }]}
                noStyle
              >
                <Select
                  aria-label="法律法规"
                  showSearch
                  optionFilterProp="label"
                  options={laws.map((l) => ({ value: l.id, label: l.label }))}
                />
              </Form.Item>
              <Form.Item name={[f.name, 'type']} noStyle>
                <Select
                  aria-label="题型"
                  options={Object.entries(QUESTION_TYPES).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
              <Form.Item name={[f.name, 'count']} rules={[{ required: true, message: '题数' }]} noStyle>
                <InputNumber aria-label="题数" min={1} max={200} precision={0} suffix="题" />
              </Form.Item>
              <Form.Item name={[f.name, 'points']} rules={[{ required: true, message: '分值' }]} noStyle>
                <InputNumber aria-label="每题分值" min={0.5} max={100} suffix="分" />
              </Form.Item>
              <Button
                type="text"
                aria-label="删除此行"
                icon={<MinusCircleOutlined />}
                disabled={fields.length === 1}
                onClick={() => remove(f.name)}
              />
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const r = getFieldValue(['rules', f.name]) as { law?: string; type?: string } | undefined;
                  const n = r?.law && r.type ? available(r.law, r.type) : undefined;
                  return n === undefined ? null : (
                    <Typography.Text type="secondary" style={{ gridColumn: '1 / -1', marginTop: -4 }}>
                      题库中有 {n} 题
                    </Typography.Text>
                  );
                }}
              </Form.Item>
            </div>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ law: laws[0]?.id, type: 'single', count: 5, points: 2 })}
          >
            增加一行
          </Button>
        </>
      )}
    </Form.List>
  );
}

/**
 * 新建考试: who must sit (by organisation and role, or a list of accounts), the window, the time
 * allowed, the paper rules (questions per law and type, and their points), the pass and excellent
 * marks and an optional make-up window for those who failed or missed it.
 */
export function NewExamModal(props: { open: boolean; onClose: () => void; onDone: (e: ExamDetail) => void }) {
  const user = useUser();
  const ws = useWorkspace();
  const [form] = Form.useForm<ExamFormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const orgId = Form.useWatch('orgId', form);
  const rules = Form.useWatch('rules', form);
  const by = Form.useWatch('by', form);
  const hasMakeup = Form.useWatch('hasMakeup', form);
  const counts = useApi<{ items?: BankCount[] }>(props.open && orgId ? '/api/questions/counts' : null, {
    query: { orgId },
  });
  const available = (law: string, type: string) =>
    counts.data?.items?.find((c) => c.law === law && c.type === type)?.n;
  const tree = useMemo(() => orgTree(ws.orgs), [ws.orgs]);
  const organisers = ws.orgs.filter((o) => o.kind === 'county' || o.kind === 'township');
  const total = ruleTotal(rules);

  const initial = useMemo(() => {
    const now = chinaNow();
    return {
      orgId: ws.org && organisers.some((o) => o.id === ws.org?.id) ? ws.org.id : user.orgId,
      window: [now, now.add(7, 'day').hour(18).minute(0)],
      durationMin: 60,
      display: 'one',
      mode: 'random',
      rules: [
        { law: 'constitution', type: 'single', count: 10, points: 5 },
        { law: 'civil_code', type: 'judge', count: 10, points: 5 },
      ],
      passMark: 60,
      excellentMark: 90,
      hasMakeup: false,
      by: 'org',
      orgIds: ws.org ? [ws.org.id] : [],
      roles: ['township_leader', 'township_staff'],
    };
    // The form's starting values are read once, when it opens.
  }, [props.open]);

  const submit = async (v: ExamFormValues) => {
    setBusy(true);
    setError(null);
    try {
      const e = await api<ExamDetail>('/api/exams', { json: examBody(v) });
      form.resetFields();
      props.onDone(e);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="新建考试"
      open={props.open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="创建"
      confirmLoading={busy}
      destroyOnHidden
      width={760}
      rootClassName="new-exam-modal"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={initial}>
        <Form.Item name="orgId" label="组织单位" rules={[{ required: true, message: '请选择组织单位' }]}>
          <Select options={organisers.map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label="考试名称"
          rules={[{ required: true, whitespace: true, message: '请填写考试名称' }, { max: 100 }]}
        >
          <Input maxLength={100} placeholder="如：2025年度领导干部学法考试" />
        </Form.Item>
        <Form.Item
          name="window"
          label="考试时间（北京时间）"
          extra="考生在此期间内开始作答；到结束时间仍未交卷的，系统按已保存的答案自动交卷"
          rules={[{ required: true, message: '请选择考试的开始和结束时间' }]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format={RANGE_FORMAT}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="durationMin"
          label="答题时长"
          rules={[{ required: true, message: '请填写答题时长' }]}
        >
          <InputNumber min={5} max={300} precision={0} suffix="分钟" />
        </Form.Item>
        <Form.Item name="display" label="作答方式">
          <Radio.Group options={Object.entries(EXAM_DISPLAYS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="mode" label="组卷方式" extra="两种方式下，题目和选项的顺序都按人打乱">
          <Radio.Group options={Object.entries(PAPER_MODES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label={`组卷规则（满分 ${total} 分）`} required>
          <RuleRows available={available} />
        </Form.Item>
        <Form.Item
          name="passMark"
          label="合格分"
          rules={[
            { required: true, message: '请填写合格分' },
            {
              validator: (_r, v: number) =>
                v <= total ? Promise.resolve() : Promise.reject(new Error('合格分不能高于满分')),
            },
          ]}
        >
          <InputNumber min={0} suffix="分" />
        </Form.Item>
        <Form.Item
          name="excellentMark"
          label="优秀分"
          dependencies={['passMark']}
          rules={[
            { required: true, message: '请填写优秀分' },
            ({ getFieldValue }) => ({
              validator: (_r, v: number) =>
                v >= (getFieldValue('passMark') as number) && v <= total
                  ? Promise.resolve()
                  : Promise.reject(new Error('优秀分应不低于合格分、不高于满分')),
            }),
          ]}
        >
          <InputNumber min={0} suffix="分" />
        </Form.Item>
        <Form.Item
          name="hasMakeup"
          label="安排补考"
          valuePropName="checked"
          extra="未参考或不合格的人员可补考一次"
        >
          <Switch />
        </Form.Item>
        {hasMakeup && (
          <Form.Item name="makeup" label="补考时间" rules={[{ required: true, message: '请选择补考时间' }]}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format={RANGE_FORMAT}
              style={{ width: '100%' }}
            />
          </Form.Item>
        )}
        <Form.Item name="by" label="参考人员">
          <Radio.Group
            options={[
              { value: 'org', label: '按单位和角色' },
              { value: 'list', label: '按账号名单' },
            ]}
          />
        </Form.Item>
        {by === 'list' ? (
          <Form.Item
            name="usernames"
            label="账号（用户名）"
            extra="每行一个，或用逗号、空格分隔"
            rules={[
              {
                validator: (_r, v: string) =>
                  usernamesOf(v).length > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error('请填写参考人员的账号')),
              },
            ]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="orgIds" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
              <TreeSelect
                treeData={tree}
                treeCheckable
                showCheckedStrategy={TreeSelect.SHOW_PARENT}
                treeDefaultExpandAll
                placeholder="选择单位（含其下属单位）"
              />
            </Form.Item>
            <Form.Item name="roles" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
              <Checkbox.Group
                options={roles
                  .filter((r) => SITTING_ROLES.includes(r.id))
                  .map((r) => ({ value: r.id, label: r.label }))}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
