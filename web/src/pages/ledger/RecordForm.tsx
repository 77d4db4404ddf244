import { Alert, Button, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, errorText } from '../../api/client.ts';
import type { CaseTypeInfo, FieldError, FieldValue, LedgerRecord, Org, RecordKind } from '../../api/types.ts';
import { displayValue, FieldInput } from './FieldInput.tsx';
import { stateFields } from './RecordTable.tsx';

type Values = Record<string, unknown>;

/** Form values → the API's record draft: dates as YYYY-MM-DD, empty fields left out. */
export function toDraft(kind: RecordKind, v: Values, orgName: string | undefined) {
  const day = (x: unknown) => (dayjs.isDayjs(x) ? x.format('YYYY-MM-DD') : null);
  const data: Record<string, FieldValue> = {};
  for (const f of kind.fields) {
    const x = v[`f_${f.key}`];
    if (x === undefined || x === null || x === '') continue;
    data[f.key] = f.type === 'date' ? day(x) : (x as FieldValue);
  }
  return {
    date: day(v.date) ?? '',
    title: typeof v.title === 'string' ? v.title : '',
    endDate: day(v.endDate),
    org: orgName ?? null,
    data,
  };
}

function toValues(kind: RecordKind, r: LedgerRecord, orgName: string): Values {
  const v: Values = {
    date: dayjs(r.date),
    title: r.title,
    endDate: r.endDate ? dayjs(r.endDate) : null,
    org: orgName || undefined,
  };
  for (const f of kind.fields) {
    const x = r.data[f.key];
    v[`f_${f.key}`] = f.type === 'date' && typeof x === 'string' ? dayjs(x) : x;
  }
  return v;
}

interface Props {
  readonly kind: RecordKind;
  readonly township: Org;
  readonly subOrgs: readonly Org[];
  /** The record to edit, or null to add one; undefined when closed. */
  readonly record: LedgerRecord | null | undefined;
  readonly orgName: (id: number | null) => string;
  readonly onClose: () => void;
  readonly onSaved: (r: LedgerRecord) => void;
  /** Opens a case instead of adding a plain record (POST /api/cases with the case type). */
  readonly caseType?: string;
  /** Fields the case engine fills in itself (status, due date) and the form leaves out. */
  readonly hidden?: readonly string[];
  /** Values the form sends without showing them (a new case's initial status). */
  readonly fixed?: Readonly<Record<string, FieldValue>>;
  /**
   * The case type of the kind, when its records are cases: on a record that is a case, the fields
   * the case's steps fill in are shown read-only, with a link to the case, and sent back unchanged.
   */
  readonly caseOf?: CaseTypeInfo;
}

/** Add or edit one record; the fields come from the kind's declaration. */
export function RecordForm({
  kind,
  township,
  subOrgs,
  record,
  orgName,
  onClose,
  onSaved,
  caseType,
  hidden = [],
  fixed,
  caseOf,
}: Props) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Fields of this record that only its case's steps change. */
  const owned: ReadonlySet<string> =
    record && caseOf && record.case ? new Set(caseOf.workflowFields) : new Set<string>();
  const states = stateFields(caseOf);

  useEffect(() => {
    if (record === undefined) return;
    setError(null);
    form.resetFields();
    if (record) form.setFieldsValue(toValues(kind, record, orgName(record.orgId)));
  }, [record, kind, form, orgName]);

  const save = async (v: Values) => {
    setBusy(true);
    setError(null);
    const base = toDraft(kind, v, typeof v.org === 'string' ? v.org : undefined);
    const kept: Record<string, FieldValue> = {};
    for (const k of owned) {
      const x = record?.data[k];
      if (x !== undefined && x !== null) kept[k] = x;
    }
    const data = {
      ...(fixed ?? {}),
      ...Object.fromEntries(Object.entries(base.data).filter(([k]) => !owned.has(k))),
      ...kept,
    };
    const draft = { ...base, data };
    try {
      const saved = record
        ? await api<LedgerRecord>(`/api/records/${record.id}`, { method: 'PUT', json: draft })
        : caseType
          ? await api<LedgerRecord>('/api/cases', {
              json: { ...draft, type: caseType, township: township.id },
            })
          : await api<LedgerRecord>('/api/records', {
              json: { ...draft, kind: kind.id, township: township.id },
            });
      onSaved(saved);
    } catch (e) {
      const details = e instanceof ApiError && Array.isArray(e.details) ? (e.details as FieldError[]) : [];
      form.setFields(
        details.map((d) => ({
          name: d.field === 'date' || d.field === 'title' || d.field === 'org' ? d.field : `f_${d.field}`,
          errors: [d.message],
        })),
      );
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      title={`${record ? '修改' : caseType ? '登记' : '新增'}${kind.label}`}
      open={record !== undefined}
      onClose={onClose}
      size={520}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} className="record-form">
        <Form.Item
          name="date"
          label={kind.dateLabel}
          rules={[{ required: true, message: `请选择${kind.dateLabel}` }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="title"
          label={kind.titleLabel}
          rules={[{ required: true, message: `请填写${kind.titleLabel}` }]}
        >
          <Input maxLength={400} />
        </Form.Item>
        {kind.endLabel && (
          <Form.Item name="endDate" label={kind.endLabel}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        {subOrgs.length > 0 && (
          <Form.Item name="org" label="村（社区）/部门">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={subOrgs.map((o) => ({ value: o.name, label: o.name }))}
            />
          </Form.Item>
        )}
        {owned.size > 0 && record && (
          <Alert
            type="info"
            showIcon
            className="form-alert case-owned-note"
            title={
              <>
                此记录是案件，办理状态和期限等由案件办理流程维护，
                <Link to={`/cases?type=${kind.id}&open=${record.id}`}>到“案件办理”中办理</Link>
              </>
            }
          />
        )}
        {kind.fields
          .filter((f) => !hidden.includes(f.key))
          .map((f) =>
            owned.has(f.key) && record ? (
              <Form.Item key={f.key} label={f.label} className="case-owned-field">
                <span className="case-owned-value" data-field={f.key}>
                  {(states.has(f.key) && record.case
                    ? record.case.label
                    : displayValue(f, record.data[f.key])) || '—'}
                </span>
              </Form.Item>
            ) : (
              <Form.Item
                key={f.key}
                name={`f_${f.key}`}
                label={f.label}
                extra={f.help}
                valuePropName={f.type === 'bool' ? 'checked' : 'value'}
                rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}
              >
                <FieldInput field={f} />
              </Form.Item>
            ),
          )}
      </Form>
    </Drawer>
  );
}
