import { Alert, Card, Col, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useUser } from '../../auth/AuthProvider.tsx';
import { allowed } from '../../auth/permissions.ts';
import { useApi } from '../../lib/useApi.ts';
import { CalendarImport } from './CalendarImport.tsx';
import { weekdayOf, type CalendarYear } from './calendar-types.ts';
import './calendar.css';
import { chinaYear } from '../../lib/dates.ts';

type Answer = CalendarYear & { coverage: { from: number; to: number } | null };
interface Row {
  readonly date: string;
  readonly kind: 'holiday' | 'workday';
  readonly name: string;
}

/** Years to pick from: the stored ones and a few ahead, so next year's notice can be entered. */
function yearOptions(coverage: Answer['coverage'], now: number): { value: number; label: string }[] {
  const to = Math.max(coverage?.to ?? now, now) + 2;
  const from = Math.min(coverage?.from ?? now, now - 2);
  const out: { value: number; label: string }[] = [];
  for (let y = to; y >= from; y--) out.push({ value: y, label: `${y}年` });
  return out;
}

/** The holiday calendar: a year's holidays and make-up workdays with their source; the administrator imports notices. */
export default function CalendarPage() {
  const user = useUser();
  const thisYear = chinaYear();
  const [year, setYear] = useState(thisYear + 1);
  const { data, error, loading, reload } = useApi<Answer>('/api/calendar', { query: { year } });
  const rows: Row[] = data
    ? [
        ...data.holidays.map((d) => ({ ...d, kind: 'holiday' as const })),
        ...data.workdays.map((d) => ({ ...d, kind: 'workday' as const })),
      ].sort((a, b) => (a.date < b.date ? -1 : 1))
    : [];

  return (
    <div className="calendar-page">
      <div className="page-title">
        <Typography.Title level={4}>节假日安排</Typography.Title>
        <Space>
          <span>年份</span>
          <Select
            aria-label="年份"
            className="calendar-year"
            value={year}
            onChange={setYear}
            options={yearOptions(data?.coverage ?? null, thisYear)}
          />
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      {data && data.year === year && (
        <Alert
          className="calendar-status"
          showIcon
          type={data.official ? 'success' : 'warning'}
          title={
            data.official
              ? `${year}年已有官方放假安排（来源：${data.source ?? ''}${data.storedBy ? `；${data.storedBy}保存于${data.storedAt?.slice(0, 10) ?? ''}` : ''}）`
              : `${year}年尚无官方放假安排：以下为全国年节及纪念日放假办法规定的法定节日，该年的期限均标注“${data.mark ?? ''}”。国务院办公厅公布当年安排后，请在下方导入。`
          }
        />
      )}
      <Row gutter={12}>
        <Col xs={24} xl={allowed(user, 'calendar.write') ? 11 : 24}>
          <Card size="small" title={`${year}年放假日和调休上班日`} className="calendar-days">
            <Table<Row>
              size="small"
              // 中秋 and 国庆节 can fall on one day (2028-10-03): the date alone is not a key.
              rowKey={(r) => `${r.date}|${r.kind}|${r.name}`}
              loading={loading}
              pagination={false}
              dataSource={rows}
              columns={[
                { title: '日期', dataIndex: 'date', width: 130 },
                { title: '星期', key: 'w', width: 90, render: (_, r) => weekdayOf(r.date) },
                {
                  title: '类型',
                  dataIndex: 'kind',
                  width: 110,
                  render: (k: Row['kind']) =>
                    k === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="blue">调休上班</Tag>,
                },
                { title: '节日', dataIndex: 'name' },
              ]}
            />
          </Card>
        </Col>
        {allowed(user, 'calendar.write') && (
          <Col xs={24} xl={13}>
            <CalendarImport
              onStored={(years) => {
                if (years.includes(year)) reload();
                else if (years[0] !== undefined) setYear(years[0]);
              }}
            />
          </Col>
        )}
      </Row>
    </div>
  );
}
