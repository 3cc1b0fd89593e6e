// Placeholder: built in its own change.
export function OverlapPage() {
  return <section><h1>OverlapPage</h1><p>Not built yet.</p></section>;
}
