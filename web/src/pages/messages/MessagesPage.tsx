import { Alert, Badge, Button, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorText } from '../../api/client.ts';
import type { Message, MessagePage } from '../../api/types.ts';
import { useApi } from '../../lib/useApi.ts';
import { notifyBadge } from './badge.ts';
import './messages.css';

const PAGE = 20;

/** The message centre: the user's reminders, newest first; opening one marks it read. */
export default function MessagesPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [err, setErr] = useState<string>();
  const nav = useNavigate();
  const { data, error, loading, reload } = useApi<MessagePage>('/api/messages', {
    query: { unread: unreadOnly, limit: PAGE, offset: (page - 1) * PAGE },
  });
  const mark = async (body: { ids: number[] } | { all: true }) => {
    try {
      await api('/api/messages/read', { method: 'POST', json: body });
      setErr(undefined);
      reload();
      notifyBadge();
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const open = (m: Message) => {
    if (!m.read) void mark({ ids: [m.id] });
    if (m.link) void nav(m.link);
  };
  return (
    <Card
      className="messages-page"
      title={
        <Space>
          消息中心
          {data && <Badge count={data.unread} overflowCount={999} />}
        </Space>
      }
      extra={
        <Button onClick={() => void mark({ all: true })} disabled={!data?.unread}>
          全部标为已读
        </Button>
      }
    >
      {(error ?? err) && <Alert type="error" showIcon message={error ?? err} />}
      <Segmented
        className="messages-filter"
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(v) => {
          setUnreadOnly(v === 'unread');
          setPage(1);
        }}
        options={[
          { value: 'all', label: '全部' },
          { value: 'unread', label: '未读' },
        ]}
      />
      <List
        loading={loading && !data}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description="没有消息" /> }}
        pagination={
          data && data.total > PAGE
            ? { current: page, pageSize: PAGE, total: data.total, onChange: setPage, showSizeChanger: false }
            : false
        }
        renderItem={(m) => (
          <List.Item
            className={`message-item ${m.read ? 'message-read' : 'message-unread'}`}
            actions={[
              m.link ? (
                <a key="open" href={m.link} onClick={(e) => (e.preventDefault(), open(m))}>
                  去办理
                </a>
              ) : null,
              !m.read ? (
                <a key="read" onClick={() => void mark({ ids: [m.id] })}>
                  标为已读
                </a>
              ) : null,
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  {!m.read && <Badge status="processing" />}
                  <Tag color={m.kind === 'overdue' ? 'red' : m.kind === 'due' ? 'orange' : 'blue'}>
                    {m.kindLabel}
                  </Tag>
                  <span className="message-title">{m.title}</span>
                </Space>
              }
              description={
                <>
                  <Typography.Paragraph className="message-body">{m.body}</Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {new Date(m.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
