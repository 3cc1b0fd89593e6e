// Placeholder: built in its own change.
export function SoaPage() {
  return <section><h1>SoaPage</h1><p>Not built yet.</p></section>;
}
