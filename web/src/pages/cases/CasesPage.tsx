export default function Page() {
  return <div>cases/CasesPage</div>;
}
