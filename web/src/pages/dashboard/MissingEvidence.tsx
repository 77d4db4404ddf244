import { FileExclamationOutlined } from '@ant-design/icons';
import { Card, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { LedgerRecord, Page } from '../../api/types.ts';
import type { Catalogue } from '../../catalogue/useCatalogue.ts';
import { SimpleList } from '../../components/SimpleList.tsx';
import { useApi } from '../../lib/useApi.ts';

/** How many of the year's activities without evidence the card lists (the count covers them all). */
const SHOWN = 6;

/**
 * The year's activities recorded without any evidence file. Which kinds need evidence is the
 * catalogue's `evidenceExpected` flag, applied by the server (`missingEvidence=true`).
 */
export function MissingEvidence({
  org,
  year,
  cat,
}: {
  org: number;
  year: number;
  cat: Catalogue | undefined;
}) {
  const { data, error, loading } = useApi<Page<LedgerRecord>>('/api/records', {
    query: { org, year, missingEvidence: true, limit: SHOWN },
  });
  const kinds = cat?.kinds.filter((k) => k.evidenceExpected).map((k) => k.label) ?? [];
  return (
    <Card
      size="small"
      className="missing-evidence"
      title={
        <span>
          <FileExclamationOutlined /> 佐证材料缺失
        </span>
      }
      extra={data && <Tag color={data.total ? 'orange' : 'green'}>{data.total} 条</Tag>}
    >
      <Typography.Paragraph type="secondary" className="card-note">
        {kinds.length > 0 ? kinds.join('、') : '会议、学法、普法、检查、演练等活动'}
        应上传照片、签到表或纪要（{year} 年全年）
      </Typography.Paragraph>
      {error ? (
        <Typography.Text type="secondary">暂不可用：{error}</Typography.Text>
      ) : (
        <SimpleList
          loading={loading && !data}
          items={data?.items ?? []}
          empty="本年度的活动均有佐证材料"
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
      )}
    </Card>
  );
}
