import { Tag, Tooltip } from 'antd';

/**
 * The server's mark on a due date reckoned with statutory holidays only (“按法定节日推算，未含调休”):
 * the year has no State Council arrangement stored yet, so 调休 is not counted.
 */
export function DueMark({ mark }: { mark: string | null | undefined }) {
  if (!mark) return null;
  return (
    <Tooltip title="该年尚无国务院办公厅公布的放假安排，期限按法定节日计算，未计入调休；系统管理员导入当年通知后自动重新计算">
      <Tag color="warning" className="due-mark">
        {mark}
      </Tag>
    </Tooltip>
  );
}
