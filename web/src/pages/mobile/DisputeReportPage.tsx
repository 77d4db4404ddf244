export default function Page() {
  return <div>mobile/DisputeReportPage</div>;
}
