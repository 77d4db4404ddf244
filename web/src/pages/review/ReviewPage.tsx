export default function Page() {
  return <div>review/ReviewPage</div>;
}
