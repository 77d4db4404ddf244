export default function Page() {
  return <div>ledger/LedgerPage</div>;
}
