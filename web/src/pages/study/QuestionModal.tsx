import { Alert, Form, Input, Modal, Radio, Select, Space, Checkbox, Button } from 'antd';
import { useEffect, useState } from 'react';
import { laws } from '../../../../src/catalogue/laws.ts';
import {
  DIFFICULTIES,
  JUDGE_OPTIONS,
  QUESTION_TYPES,
  type QuestionType,
} from '../../../../src/catalogue/questions.ts';
import { api, errorText } from '../../api/client.ts';
import type { Question } from './types.ts';

const LETTERS = 'ABCDEF';

interface Values {
  law: string;
  type: QuestionType;
  difficulty: string;
  stem: string;
  options: string[];
  answer: number[];
  article: string;
  note?: string;
}

const blank: Values = {
  law: '',
  type: 'single',
  difficulty: 'medium',
  stem: '',
  options: ['', '', '', ''],
  answer: [],
  article: '',
};

/** Adds a question to the bank, or corrects one (saved as its next version). */
export function QuestionModal(props: {
  open: boolean;
  orgId: number | undefined;
  /** The question corrected; none to add one. */
  editing: Question | null;
  onClose: () => void;
  onSaved: (q: Question) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const type = Form.useWatch('type', form) ?? 'single';
  const options = Form.useWatch('options', form) ?? [];

  useEffect(() => {
    if (!props.open) return;
    setError(null);
    const q = props.editing;
    form.setFieldsValue(
      q
        ? {
            law: q.law,
            type: q.type,
            difficulty: q.difficulty,
            stem: q.stem,
            options: [...q.options],
            answer: [...q.answer],
            article: q.article,
            note: q.note ?? '',
          }
        : blank,
    );
  }, [props.open, props.editing, form]);

  const save = async () => {
    const v = await form.validateFields();
    const draft = {
      ...v,
      options: v.type === 'judge' ? [...JUDGE_OPTIONS] : v.options,
      answer: [...v.answer].sort((a, b) => a - b),
      note: v.note?.trim() ? v.note : null,
    };
    setBusy(true);
    try {
      const q = props.editing
        ? await api<Question>(`/api/questions/${props.editing.id}`, { method: 'PUT', json: draft })
        : await api<Question>('/api/questions', { method: 'POST', json: { orgId: props.orgId, draft } });
      props.onSaved(q);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const choices = type === 'judge' ? [...JUDGE_OPTIONS] : options.map((_, i) => LETTERS[i] ?? '');
  return (
    <Modal
      title={
        props.editing
          ? `修正题目 ${props.editing.code}（保存为版本 ${props.editing.version + 1}）`
          : '新增题目'
      }
      open={props.open}
      onCancel={props.onClose}
      onOk={() => void save()}
      okText={props.editing ? `保存为版本 ${props.editing.version + 1}` : '保存'}
      confirmLoading={busy}
      width={720}
      rootClassName="question-modal"
      destroyOnHidden
    >
      {props.editing && (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title="修正后原版本仍保留，已组卷的试卷照原题计分；以后组卷使用新版本。"
        />
      )}
      <Form form={form} layout="vertical" initialValues={blank}>
        <Space wrap>
          <Form.Item name="law" label="法律法规" rules={[{ required: true, message: '请选择法律法规' }]}>
            <Select
              style={{ width: 220 }}
              options={laws.map((l) => ({ value: l.id, label: l.label }))}
              aria-label="法律法规"
            />
          </Form.Item>
          <Form.Item name="type" label="题型">
            <Radio.Group
              options={Object.entries(QUESTION_TYPES).map(([value, label]) => ({ value, label }))}
              onChange={() => form.setFieldValue('answer', [])}
            />
          </Form.Item>
          <Form.Item name="difficulty" label="难度">
            <Select
              style={{ width: 100 }}
              options={Object.entries(DIFFICULTIES).map(([value, label]) => ({ value, label }))}
              aria-label="难度"
            />
          </Form.Item>
        </Space>
        <Form.Item name="stem" label="题干" rules={[{ required: true, message: '请填写题干' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        {type !== 'judge' && (
          <Form.List name="options">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" className="question-option">
                    <span className="question-letter">{LETTERS[i]}</span>
                    <Form.Item
                      name={f.name}
                      rules={[{ required: true, message: '请填写选项' }]}
                      style={{ width: 520 }}
                    >
                      <Input maxLength={200} aria-label={`选项${LETTERS[i]}`} />
                    </Form.Item>
                    {fields.length > 2 && (
                      <Button type="link" onClick={() => remove(f.name)}>
                        删除
                      </Button>
                    )}
                  </Space>
                ))}
                {fields.length < 6 && (
                  <Button type="dashed" onClick={() => add('')}>
                    添加选项
                  </Button>
                )}
              </>
            )}
          </Form.List>
        )}
        <Form.Item
          name="answer"
          label="正确答案"
          rules={[{ required: true, type: 'array', min: 1, message: '请选择正确答案' }]}
        >
          {type === 'multiple' ? (
            <Checkbox.Group options={choices.map((label, value) => ({ label, value }))} />
          ) : (
            <SingleAnswer choices={choices} />
          )}
        </Form.Item>
        <Form.Item
          name="article"
          label="条文出处"
          rules={[{ required: true, message: '请填写条文出处，如“第二十条”' }]}
        >
          <Input placeholder="第二十条、第一千零四十二条第一款" maxLength={60} style={{ width: 320 }} />
        </Form.Item>
        <Form.Item name="note" label="解析（选填，考试结束后与答案一同显示）">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
    </Modal>
  );
}

/** One answer as a radio group, stored as a one-element list like a multiple-choice answer. */
function SingleAnswer(props: {
  choices: readonly string[];
  value?: number[];
  onChange?: (v: number[]) => void;
}) {
  return (
    <Radio.Group
      value={props.value?.[0]}
      onChange={(e) => props.onChange?.([e.target.value as number])}
      options={props.choices.map((label, value) => ({ label, value }))}
    />
  );
}
