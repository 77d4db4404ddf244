import { Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import './simple-list.css';

/** A plain list of rows with an optional tag on the right (antd's List is deprecated in v6). */
export function SimpleList<T>(props: {
  items: readonly T[];
  loading?: boolean;
  empty: string;
  rowKey: (item: T) => string | number;
  render: (item: T) => { title: ReactNode; description?: ReactNode; extra?: ReactNode };
}) {
  if (props.loading) return <Skeleton active paragraph={{ rows: 3 }} title={false} />;
  if (props.items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} />;
  return (
    <ul className="simple-list">
      {props.items.map((item) => {
        const r = props.render(item);
        return (
          <li key={props.rowKey(item)}>
            <div className="simple-list-main">
              <div className="simple-list-title">{r.title}</div>
              {r.description && <div className="simple-list-desc">{r.description}</div>}
            </div>
            {r.extra && <div className="simple-list-extra">{r.extra}</div>}
          </li>
        );
      })}
    </ul>
  );
}
