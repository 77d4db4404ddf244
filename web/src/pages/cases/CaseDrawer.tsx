import { Alert, Button, Descriptions, Divider, Drawer, Space, Tag, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseStepInfo, CaseTypeInfo, RecordKind } from '../../api/types.ts';
import { useUser } from '../../auth/AuthProvider.tsx';
import { useApi } from '../../lib/useApi.ts';
import { ClockList } from './ClockList.tsx';
import { PublicRequestPanel } from './PublicRequestPanel.tsx';
import { FeedbackPanel } from './FeedbackPanel.tsx';
import { StepModal } from './StepModal.tsx';
import type { CaseDetail } from './types.ts';

/** Steps the signed-in role may take now: the case type says which roles take each step. */
function stepsFor(type: CaseTypeInfo, c: CaseDetail, role: string): CaseStepInfo[] {
  const possible = new Set(c.actions.map((a) => a.id));
  return type.steps.filter((t) => possible.has(t.id) && (t.roles as readonly string[]).includes(role));
}

/** A case: its deadlines explained, the steps this role may take, and its history. */
export function CaseDrawer(props: {
  id: number | null;
  type: CaseTypeInfo;
  kind: RecordKind;
  onClose: () => void;
  onChanged: () => void;
}) {
  const user = useUser();
  const { data, error } = useApi<CaseDetail>(props.id === null ? null : `/api/cases/${props.id}`);
  const [c, setC] = useState<CaseDetail>();
  const [step, setStep] = useState<CaseStepInfo | null>(null);
  useEffect(() => setC(data), [data]);
  const shown = c && c.id === props.id ? c : undefined;

  return (
    <Drawer
      title={shown?.title ?? '案件'}
      open={props.id !== null}
      onClose={props.onClose}
      size={640}
      destroyOnHidden
      rootClassName="case-drawer"
    >
      {error && <Alert type="error" showIcon title={error} />}
      {shown && (
        <>
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 't', label: '类型', children: shown.typeLabel },
              {
                key: 's',
                label: '状态',
                children: <Tag color={shown.closed ? 'default' : 'processing'}>{shown.stateLabel}</Tag>,
              },
              { key: 'd', label: '登记日期', children: shown.date },
              { key: 'o', label: '承办人', children: shown.owner ?? '未指定' },
            ]}
          />
          <Space wrap className="case-steps">
            {stepsFor(props.type, shown, user.role).map((t) => (
              <Button key={t.id} type={t.to ? 'primary' : 'default'} onClick={() => setStep(t)}>
                {t.label}
              </Button>
            ))}
          </Space>
          {shown.type === 'disclosure_request' && (
            <PublicRequestPanel
              key={shown.id}
              caseId={shown.id}
              replied={shown.state === 'replied'}
              type={props.type}
              role={user.role}
            />
          )}
          <FeedbackPanel id={shown.id} />
          <Divider titlePlacement="start">法定时限</Divider>
          <ClockList clocks={shown.clocks} />
          <Divider titlePlacement="start">办理经过</Divider>
          <Timeline
            items={shown.events.map((e) => ({
              key: e.seq,
              color: e.outcome === 'refused' ? 'red' : 'blue',
              content: (
                <div>
                  <b>{e.date}</b> {e.label}
                  {e.actor ? `（${e.actor}）` : ''}
                  {e.reason && <div className="event-reason">理由：{e.reason}</div>}
                  {e.error && <div className="event-error">未办理：{e.error}</div>}
                </div>
              ),
            }))}
          />
          <StepModal
            c={shown}
            step={step}
            kind={props.kind}
            onClose={() => setStep(null)}
            onDone={(next) => {
              setStep(null);
              setC(next);
              props.onChanged();
            }}
          />
        </>
      )}
    </Drawer>
  );
}
