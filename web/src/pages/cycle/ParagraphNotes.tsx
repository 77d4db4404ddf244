import { CommentOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { CycleDraft, CycleReport } from '../../api/types.ts';
import type { OutgoingNote } from './StepActions.tsx';

/** The latest return, with its comment and paragraph notes (null when none is pending). */
export type Returned = NonNullable<CycleReport['returned']>;

/** Notes a reviewer is writing before sending the report back, by paragraph key. */
export interface Noting {
  readonly staged: Readonly<Record<string, string>>;
  readonly onStage: (key: string, text: string | null) => void;
}

/**
 * Paragraph notes written by someone who may send the report back (the county office after
 * 报送, the leader before 签发), kept until they go out with the return. `base` names the report:
 * another township or year starts with none.
 */
export function useNoting(base: string | null, r: CycleReport | undefined, draft: CycleDraft | undefined) {
  const [staged, setStaged] = useState<Record<string, string>>({});
  useEffect(() => setStaged({}), [base]);
  const may = r?.steps.some((s) => s.id === 'return' || s.id === 'return_draft') ?? false;
  const onStage = (key: string, text: string | null) =>
    setStaged((s) => {
      const next = { ...s };
      if (text === null) delete next[key];
      else next[key] = text;
      return next;
    });
  const outgoing: OutgoingNote[] = Object.entries(staged).map(([key, text]) => ({
    key,
    text,
    where: draft?.paragraphs.find((p) => p.key === key)?.where ?? '',
  }));
  return {
    noting: may ? { staged, onStage } : undefined,
    outgoing,
    clear: () => setStaged({}),
  };
}

/** The notes shown under one paragraph: those sent back with the last return, and those being written. */
export function ParagraphNotes({
  paraKey,
  where,
  received,
  noting,
}: {
  paraKey: string;
  where: string;
  received: Returned | null;
  noting?: Noting;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const sent = received?.notes.find((n) => n.key === paraKey);
  const staged = noting?.staged[paraKey];
  const edit = () => {
    setText(staged ?? '');
    setOpen(true);
  };
  return (
    <>
      {sent && (
        <div className="cycle-note" data-note-key={paraKey}>
          <span className="cycle-note-by">
            <CommentOutlined /> {received?.by}批注
          </span>
          <span className="cycle-note-text">{sent.text}</span>
        </div>
      )}
      {noting && !open && staged !== undefined && (
        <div className="cycle-note staged" data-note-key={paraKey}>
          <span className="cycle-note-by">
            <CommentOutlined /> 待随退回发出的批注
          </span>
          <span className="cycle-note-text">{staged}</span>
          <Space size={0} className="cycle-note-actions">
            <Button type="link" size="small" icon={<EditOutlined />} onClick={edit}>
              修改
            </Button>
            <Button
              type="link"
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={() => noting.onStage(paraKey, null)}
            >
              删除
            </Button>
          </Space>
        </div>
      )}
      {noting && open && (
        <div className="cycle-note editing">
          <Input.TextArea
            aria-label={`批注段落 ${where}`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={500}
            autoFocus
          />
          <Space className="cycle-editor-actions">
            <Button
              type="primary"
              size="small"
              disabled={!text.trim()}
              onClick={() => {
                noting.onStage(paraKey, text.trim());
                setOpen(false);
              }}
            >
              保存批注
            </Button>
            <Button size="small" onClick={() => setOpen(false)}>
              取消
            </Button>
          </Space>
        </div>
      )}
      {noting && !open && staged === undefined && (
        <Button
          type="link"
          size="small"
          className="cycle-note-add"
          icon={<CommentOutlined />}
          aria-label={`批注 ${where}`}
          onClick={edit}
        >
          批注
        </Button>
      )}
    </>
  );
}
