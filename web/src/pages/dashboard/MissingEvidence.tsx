import { FileExclamationOutlined } from '@ant-design/icons';
import { Card, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, itemsOf } from '../../api/client.ts';
import type { EvidenceFile, LedgerRecord } from '../../api/types.ts';
import type { Catalogue } from '../../catalogue/useCatalogue.ts';
import { SimpleList } from '../../components/SimpleList.tsx';

/** Activities a report states as done need a photo, sign-in sheet or minutes behind them. */
const NEEDS_PROOF = new Set([
  'leadership_meeting',
  'study_session',
  'exam',
  'publicity_event',
  'inspection',
  'safety_meeting',
  'safety_drill',
]);
/** How many recent activities are checked one by one when the list carries no evidence count. */
const SAMPLE = 20;

async function withoutEvidence(
  records: readonly LedgerRecord[],
): Promise<{ checked: number; missing: LedgerRecord[] }> {
  const candidates = records.filter((r) => NEEDS_PROOF.has(r.kind));
  if (candidates.every((r) => typeof r.evidenceCount === 'number')) {
    return { checked: candidates.length, missing: candidates.filter((r) => r.evidenceCount === 0) };
  }
  const recent = [...candidates].sort((a, b) => b.date.localeCompare(a.date)).slice(0, SAMPLE);
  const counts = await Promise.all(
    recent.map((r) =>
      api<unknown>(`/api/records/${r.id}/evidence`).then(
        (x) => itemsOf<EvidenceFile>(x).length,
        () => 1,
      ),
    ),
  );
  return { checked: recent.length, missing: recent.filter((_, i) => counts[i] === 0) };
}

/** Activities recorded without any evidence file. */
export function MissingEvidence({
  records,
  cat,
}: {
  records: readonly LedgerRecord[] | undefined;
  cat: Catalogue | undefined;
}) {
  const [state, setState] = useState<{ checked: number; missing: LedgerRecord[] } | null>(null);
  useEffect(() => {
    if (!records) return;
    let live = true;
    void withoutEvidence(records).then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, [records]);

  return (
    <Card
      size="small"
      title={
        <span>
          <FileExclamationOutlined /> 佐证材料缺失
        </span>
      }
      extra={state && <Tag color={state.missing.length ? 'orange' : 'green'}>{state.missing.length} 条</Tag>}
    >
      <Typography.Paragraph type="secondary" className="card-note">
        会议、学法、普法、检查、演练等活动应上传照片、签到表或纪要（已检查最近 {state?.checked ?? 0} 条）
      </Typography.Paragraph>
      <SimpleList
        loading={!state}
        items={state?.missing.slice(0, 6) ?? []}
        empty="已检查的活动均有佐证材料"
        rowKey={(r) => r.id}
        render={(r) => ({
          title: (
            <Link to={`/ledger/${r.kind}?record=${r.id}`}>
              {r.date} {r.title}
            </Link>
          ),
          extra: <Tag>{cat?.kind(r.kind)?.label ?? r.kind}</Tag>,
        })}
      />
    </Card>
  );
}
