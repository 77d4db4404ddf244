import { FileSearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Spin } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import type { ArrivalReview, CycleReport } from '../../api/types.ts';
import { ReviewPanel } from './ReviewPanel.tsx';

/** A review of the draft before 签发, for the version it was run on. */
export interface DraftReviewState {
  readonly version: number;
  readonly loading: boolean;
  readonly review?: ArrivalReview;
  readonly error?: string;
}

/**
 * Who reviews the draft before 签发: the leader when 签发 is theirs to take, the staff while the
 * draft may be edited.
 */
export const mayReviewDraft = (r: CycleReport): boolean => r.editable || r.steps.some((s) => s.id === 'sign');

/**
 * The draft reviewed as it would be signed (GET …/draft-review): the button runs it, the state
 * holds the result for the version it was run on, so a later version does not show a stale one.
 */
export function useDraftReview(r: CycleReport | undefined) {
  const [state, setState] = useState<DraftReviewState | null>(null);
  const run = async () => {
    if (!r) return;
    const version = r.version;
    setState({ version, loading: true });
    try {
      const review = await api<ArrivalReview>(`/api/cycle/${r.townshipId}/${r.year}/draft-review`);
      setState({ version, loading: false, review });
    } catch (e) {
      setState({ version, loading: false, error: errorText(e) });
    }
  };
  const current = state && r && state.version === r.version ? state : null;
  return { state: current, run, close: () => setState(null) };
}

/** The button that runs the review before 签发. */
export function DraftReviewButton(props: { loading: boolean; onClick: () => void }) {
  return (
    <Button icon={<FileSearchOutlined />} loading={props.loading} onClick={props.onClick}>
      签发前审阅
    </Button>
  );
}

/** The review before 签发: a loading card while the draft is rendered and reviewed, then its findings. */
export function DraftReviewPanel({ state, onClose }: { state: DraftReviewState; onClose: () => void }) {
  const close = (
    <Button type="link" size="small" onClick={onClose}>
      收起
    </Button>
  );
  return (
    <div className="cycle-draft-review">
      {state.loading ? (
        <Card size="small" className="cycle-review">
          <Spin /> <span className="cycle-draft-review-wait">正在按签发稿生成草稿并审阅、与台账核对…</span>
        </Card>
      ) : state.error ? (
        <Alert
          className="cycle-review"
          type="error"
          showIcon
          title={`签发前审阅失败：${state.error}`}
          action={close}
        />
      ) : (
        state.review && (
          <ReviewPanel
            review={state.review}
            title={`签发前审阅（第 ${state.version} 版草稿）`}
            extra={close}
          />
        )
      )}
    </div>
  );
}
