export default function Page() {
  return <div>admin/AuditPage</div>;
}
