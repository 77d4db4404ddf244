export default function Page() {
  return <div>admin/OrgsPage</div>;
}
