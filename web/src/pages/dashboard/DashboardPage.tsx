export default function Page() {
  return <div>dashboard/DashboardPage</div>;
}
