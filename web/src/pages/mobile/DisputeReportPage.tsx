import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Result, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorText } from '../../api/client.ts';
import { useUser } from '../../auth/AuthProvider.tsx';
import { allowed } from '../../auth/permissions.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import type { CaseDetail, ClockView } from '../cases/types.ts';
import { chinaToday } from '../../lib/dates.ts';
import { Deadline } from './Deadline.tsx';
import { MobileShell } from './MobileShell.tsx';
import { oversized, PhotoInput, uploadPhotos } from './PhotoInput.tsx';

interface Values {
  date: Dayjs;
  title: string;
  disputeType: string;
  org?: string;
  parties?: string;
}

/** What was reported: a case with its running mediation clock, or a plain ledger record. */
interface Reported {
  readonly id: number;
  readonly title: string;
  readonly clock: ClockView | null;
  readonly photos: number;
  /** The photos that could not be stored, in Chinese; the report itself stands. */
  readonly photoError: string | null;
}

/** Photos picked for the report, listed by name until it is sent. */
function PickedPhotos({ files, onClear }: { files: readonly File[]; onClear: () => void }) {
  if (files.length === 0) return null;
  return (
    <div className="mobile-photos" data-testid="picked-photos">
      已选照片 {files.length} 张：{files.map((f) => f.name).join('、')}{' '}
      <Button type="link" size="small" onClick={onClear}>
        清除
      </Button>
    </div>
  );
}

/** The grid member's phone form: report a dispute found in the grid in under a minute. */
function DisputeForm() {
  const user = useUser();
  const cat = useCatalogue();
  const ws = useWorkspace();
  const nav = useNavigate();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<File[]>([]);
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
    const tooBig = oversized(photos);
    if (tooBig) {
      setError(tooBig);
      setBusy(false);
      return;
    }
    try {
      let id: number;
      let clock: ClockView | null = null;
      // A case starts the one-month mediation clock; without case rights the dispute goes into the ledger.
      if (allowed(user, 'cases.write')) {
        const c = await api<CaseDetail>('/api/cases', {
          json: {
            ...draft,
            type: 'dispute',
            data: { disputeType: v.disputeType, source: 'grid', parties: v.parties ?? null },
          },
        });
        id = c.id;
        clock = c.clocks.find((k) => k.status === 'running') ?? null;
      } else {
        const r = await api<{ id: number }>('/api/records', {
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
        id = r.id;
      }
      // The report is stored first; a photo refused afterwards (type, size) is said, not lost silently.
      let photoError: string | null = null;
      try {
        await uploadPhotos(id, photos);
      } catch (e) {
        photoError = `照片未能上传：${errorText(e)}。可在“我的上报”中补传。`;
      }
      setDone({ id, title: v.title, clock, photos: photoError ? 0 : photos.length, photoError });
      setPhotos([]);
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
        subTitle={`“${done.title}”已上报至${user.orgName}，司法所将安排调解${done.photos > 0 ? `；已附照片 ${done.photos} 张` : ''}`}
        extra={[
          ...(done.photoError ? [<Alert key="p" type="warning" showIcon title={done.photoError} />] : []),
          ...(done.clock ? [<Deadline key="d" clock={done.clock} />] : []),
          <Button key="b" type="primary" size="large" block onClick={() => setDone(null)}>
            继续上报
          </Button>,
          <Button key="m" size="large" block onClick={() => void nav(`/m/mine/${done.id}`)}>
            查看我的上报
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
      <Form.Item label="现场照片（可选，每张不超过 20 MB）">
        <PhotoInput
          label="拍照或选择照片"
          onPick={(f) => setPhotos((p) => [...p, ...f])}
          testId="report-photo"
        />
        <PickedPhotos files={photos} onClear={() => setPhotos([])} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        上报
      </Button>
    </Form>
  );
}

export default function DisputeReportPage() {
  return (
    <MobileShell title="上报矛盾纠纷">
      <DisputeForm />
    </MobileShell>
  );
}
