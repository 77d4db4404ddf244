export default function Page() {
  return <div>report/ReportPage</div>;
}
