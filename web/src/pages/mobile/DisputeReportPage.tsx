import { CheckCircleOutlined, LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Result, Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import { useAuth, useUser } from '../../auth/AuthProvider.tsx';
import { allowed } from '../../auth/permissions.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { useWorkspace, WorkspaceProvider } from '../../layout/Workspace.tsx';
import { countdown } from '../dashboard/DueCases.tsx';
import type { CaseDetail, ClockView } from '../cases/types.ts';
import './mobile.css';
import { chinaToday } from '../../lib/dates.ts';

interface Values {
  date: Dayjs;
  title: string;
  disputeType: string;
  org?: string;
  parties?: string;
}

/** What was reported: a case with its running mediation clock, or a plain ledger record. */
interface Reported {
  readonly title: string;
  readonly clock: ClockView | null;
}

/** The deadline the report started, with its countdown and legal basis. */
function Deadline({ clock }: { clock: ClockView }) {
  const cd =
    clock.daysLeft === null
      ? null
      : countdown({ daysLeft: clock.daysLeft, overdue: clock.overdue, kind: clock.kind });
  return (
    <div className="mobile-deadline" data-testid="dispute-deadline">
      <div>
        {clock.label}：<b className="mobile-deadline-due">{clock.deadline.due}</b>{' '}
        {cd && <Tag color={cd.color}>{cd.text}</Tag>}
      </div>
      <div className="mobile-deadline-basis">依据：{clock.deadline.basis}</div>
    </div>
  );
}

/** The grid member's phone form: report a dispute found in the grid in under a minute. */
function DisputeForm() {
  const user = useUser();
  const cat = useCatalogue();
  const ws = useWorkspace();
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<Reported | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = cat?.kind('dispute');
  const typeField = kind?.fields.find((f) => f.key === 'disputeType');
  const types = typeField?.type === 'enum' ? typeField.options : [];

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const draft = { date: v.date.format('YYYY-MM-DD'), title: v.title, org: v.org ?? null };
    try {
      // A case starts the one-month mediation clock; without case rights the dispute goes into the ledger.
      if (allowed(user, 'cases.write')) {
        const c = await api<CaseDetail>('/api/cases', {
          json: {
            ...draft,
            type: 'dispute',
            data: { disputeType: v.disputeType, source: 'grid', parties: v.parties ?? null },
          },
        });
        setDone({ title: v.title, clock: c.clocks.find((k) => k.status === 'running') ?? null });
      } else {
        await api('/api/records', {
          json: {
            ...draft,
            kind: 'dispute',
            data: {
              disputeType: v.disputeType,
              source: 'grid',
              status: 'pending',
              parties: v.parties ?? null,
            },
          },
        });
        setDone({ title: v.title, clock: null });
      }
      form.resetFields();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <Result
        icon={<CheckCircleOutlined />}
        status="success"
        title={done.clock ? '已登记为矛盾纠纷案件' : '已上报'}
        subTitle={`“${done.title}”已上报至${user.orgName}，司法所将安排调解`}
        extra={[
          ...(done.clock ? [<Deadline key="d" clock={done.clock} />] : []),
          <Button key="b" type="primary" size="large" block onClick={() => setDone(null)}>
            继续上报
          </Button>,
        ]}
      />
    );
  return (
    <Form
      form={form}
      layout="vertical"
      size="large"
      initialValues={{ date: chinaToday() }}
      onFinish={(v) => void submit(v)}
      requiredMark={false}
    >
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      <Form.Item name="title" label="纠纷事由" rules={[{ required: true, message: '请简要写明纠纷事由' }]}>
        <Input.TextArea rows={3} maxLength={400} placeholder="如：张某与李某因宅基地界址发生争执" />
      </Form.Item>
      <Form.Item name="disputeType" label="纠纷类型" rules={[{ required: true, message: '请选择纠纷类型' }]}>
        <Select options={types.map((o) => ({ value: o.value, label: o.label }))} placeholder="请选择" />
      </Form.Item>
      <Form.Item name="org" label="所在村（社区）">
        <Select
          allowClear
          options={ws.subOrgs
            .filter((o) => o.kind === 'village')
            .map((o) => ({ value: o.name, label: o.name }))}
          placeholder="请选择"
        />
      </Form.Item>
      <Form.Item name="parties" label="当事人">
        <Input maxLength={200} placeholder="姓名，多人用顿号隔开" />
      </Form.Item>
      <Form.Item name="date" label="发现日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        上报
      </Button>
    </Form>
  );
}

export default function DisputeReportPage() {
  const user = useUser();
  const { logout } = useAuth();
  return (
    <WorkspaceProvider>
      <div className="mobile-page">
        <header className="mobile-header">
          <span>上报矛盾纠纷</span>
          <Button
            type="text"
            size="small"
            icon={<LogoutOutlined />}
            onClick={() => void logout()}
            aria-label="退出登录"
            className="mobile-logout"
          >
            退出
          </Button>
        </header>
        <div className="mobile-who">
          {user.name} · {user.orgName}
        </div>
        <main className="mobile-body">
          <DisputeForm />
        </main>
      </div>
    </WorkspaceProvider>
  );
}
