import { Button } from 'antd';

/** Says that what was just saved went to another year than the one shown, with a link to that year. */
export function OtherYearNote({
  what,
  year,
  onSwitch,
}: {
  what: string;
  year: number;
  onSwitch: () => void;
}) {
  return (
    <span className="other-year-note">
      {what}，记录在 {year} 年度，不在当前年度的列表中。
      <Button type="link" size="small" onClick={onSwitch}>
        切换到 {year} 年度
      </Button>
    </span>
  );
}
