import { BellOutlined, CheckSquareOutlined } from '@ant-design/icons';
import { Badge, Button, Space, Tooltip } from 'antd';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useApi } from '../lib/useApi.ts';
import { BADGE_EVENT } from '../pages/messages/badge.ts';

/** How often the header counts again while the page stays open. */
const POLL_MS = 60_000;

/** The header's 待办 count and unread messages; each opens its page. */
export function TodoBadge({ todo }: { todo: boolean }) {
  const nav = useNavigate();
  const { pathname } = useLocation();
  const { data, reload } = useApi<{ todo: number; urgent: number; unread: number }>('/api/todo/badge');
  useEffect(() => {
    const t = setInterval(reload, POLL_MS);
    window.addEventListener(BADGE_EVENT, reload);
    return () => {
      clearInterval(t);
      window.removeEventListener(BADGE_EVENT, reload);
    };
  }, [reload]);
  // Work done on another page may change the counts.
  useEffect(reload, [pathname, reload]);
  return (
    <Space size={4} className="header-todo">
      {todo && (
        <Tooltip title={data ? `待办 ${data.todo} 项，其中逾期和即将到期 ${data.urgent} 项` : '待办'}>
          <Badge count={data?.urgent ?? 0} size="small" offset={[-4, 4]}>
            <Button
              type="text"
              icon={<CheckSquareOutlined />}
              aria-label="待办"
              onClick={() => void nav('/todo')}
            >
              待办
            </Button>
          </Badge>
        </Tooltip>
      )}
      <Tooltip title="消息中心">
        <Badge
          count={data?.unread ?? 0}
          size="small"
          overflowCount={99}
          offset={[-4, 4]}
          className="header-unread"
        >
          <Button
            type="text"
            icon={<BellOutlined />}
            aria-label="消息中心"
            onClick={() => void nav('/messages')}
          />
        </Badge>
      </Tooltip>
    </Space>
  );
}
