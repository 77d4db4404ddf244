import { Alert, Button, Empty, Modal, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { StudyPlanItem } from '../../../../src/services/study-plans.ts';
import { api, errorText } from '../../api/client.ts';
import { useApi } from '../../lib/useApi.ts';

type Candidate = { id: number; title: string; date: string };

/**
 * Links a plan item to the study record that fulfilled it: records of the same form dated in the
 * item's month or the months either side, not yet linked to another item.
 */
export function LinkRecordModal(props: {
  item: StudyPlanItem | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { item } = props;
  const list = useApi<{ items: Candidate[] }>(item ? `/api/study-plans/${item.id}/candidates` : null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setChosen(null);
    setError(null);
  }, [item]);

  const save = async (recordId: number | null) => {
    if (!item) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/api/study-plans/${item.id}/record`, { method: 'PUT', json: { recordId } });
      props.onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const candidates = list.data?.items ?? [];
  return (
    <Modal
      title="关联学法记录"
      open={item !== null}
      onCancel={props.onClose}
      rootClassName="link-record-modal"
      footer={[
        item?.record && (
          <Button key="unlink" danger loading={busy} onClick={() => void save(null)}>
            取消关联
          </Button>
        ),
        <Button key="cancel" onClick={props.onClose}>
          关闭
        </Button>,
        <Button
          key="ok"
          type="primary"
          disabled={chosen === null}
          loading={busy}
          onClick={() => void save(chosen)}
        >
          关联
        </Button>,
      ]}
    >
      {item && (
        <Typography.Paragraph type="secondary">
          {item.month}月 {item.sessionTypeLabel}：{item.topic}
          {item.record && (
            <>
              <br />
              已关联：{item.record.date} {item.record.title}
            </>
          )}
        </Typography.Paragraph>
      )}
      {(error ?? list.error) && (
        <Alert type="error" showIcon title={error ?? list.error} style={{ marginBottom: 12 }} />
      )}
      {candidates.length === 0 && !list.loading ? (
        <Empty description="台账中没有可关联的学法记录（学习形式相同、计划月份前后一个月内、尚未关联其他计划项）" />
      ) : (
        <Radio.Group value={chosen} onChange={(e) => setChosen(e.target.value as number)}>
          <Space orientation="vertical">
            {candidates.map((c) => (
              <Radio key={c.id} value={c.id}>
                {c.date} {c.title}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      )}
    </Modal>
  );
}
