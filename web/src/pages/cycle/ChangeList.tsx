import { Empty, Tag } from 'antd';
import type { ParagraphChange } from '../../api/types.ts';

const KIND: Readonly<Record<ParagraphChange['kind'], { color: string; label: string }>> = {
  added: { color: 'green', label: '新增' },
  removed: { color: 'red', label: '删除' },
  changed: { color: 'blue', label: '改动' },
};

/**
 * Splits two texts into what they share at the start and the end and what differs between:
 * the differing middle is what a reader looks for in a long paragraph.
 */
export function splitChange(
  before: string,
  after: string,
): { head: string; removed: string; added: string; tail: string } {
  const a = [...before];
  const b = [...after];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end++;
  return {
    head: a.slice(0, start).join(''),
    removed: a.slice(start, a.length - end).join(''),
    added: b.slice(start, b.length - end).join(''),
    tail: a.slice(a.length - end).join(''),
  };
}

/** A changed paragraph: the old text with its removed part struck through, then the new with its added part. */
function Changed({ before, after }: { before: string; after: string }) {
  const s = splitChange(before, after);
  return (
    <>
      <p className="cycle-change-before">
        {s.head}
        {s.removed && <del>{s.removed}</del>}
        {s.tail}
      </p>
      <div className="cycle-change-arrow">↓</div>
      <p className="cycle-change-after">
        {s.head}
        {s.added && <ins>{s.added}</ins>}
        {s.tail}
      </p>
    </>
  );
}

/** Paragraphs added (green), removed (struck through in red) and changed (before → after). */
export function ChangeList({ changes, empty }: { changes: readonly ParagraphChange[]; empty?: string }) {
  if (changes.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty ?? '两个版本的正文相同'} />;
  return (
    <ol className="cycle-changes">
      {changes.map((c, i) => (
        <li key={i} className={`cycle-change ${c.kind}`} data-kind={c.kind}>
          <Tag color={KIND[c.kind].color}>{KIND[c.kind].label}</Tag>
          {c.kind === 'changed' && c.before !== null && c.after !== null ? (
            <Changed before={c.before} after={c.after} />
          ) : c.kind === 'added' ? (
            <p className="cycle-change-after">
              <ins>{c.after}</ins>
            </p>
          ) : (
            <p className="cycle-change-before">
              <del>{c.before}</del>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
