export default function Page() {
  return <div>admin/UsersPage</div>;
}
