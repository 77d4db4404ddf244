import { Alert, Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { LedgerChanges } from '../../api/types.ts';
import { ChangeList } from './ChangeList.tsx';

/**
 * Records entered or corrected since the draft was last saved change its figures and examples:
 * says how many paragraphs changed and lists them (before → after) on request.
 */
export function LedgerNotice({ changes }: { changes: LedgerChanges }) {
  const [open, setOpen] = useState(false);
  const n = changes.changes.length;
  if (n === 0) return null;
  return (
    <>
      <Alert
        className="cycle-ledger-notice"
        type="info"
        showIcon
        title={`台账自第 ${changes.since} 版保存以来有变动，草稿中 ${n} 段随之更新`}
        action={
          <Button size="small" onClick={() => setOpen(true)}>
            查看
          </Button>
        }
      />
      <Modal
        title={`台账变动带来的草稿变化（与第 ${changes.since} 版相比）`}
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        width={860}
        destroyOnHidden
        rootClassName="cycle-ledger-modal"
      >
        <Typography.Paragraph type="secondary">以下段落的数据或事例已按当前台账更新。</Typography.Paragraph>
        <ChangeList changes={changes.changes} empty="草稿未随台账变化" />
      </Modal>
    </>
  );
}
