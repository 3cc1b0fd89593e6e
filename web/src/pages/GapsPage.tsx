// Placeholder: built in its own change.
export function GapsPage() {
  return <section><h1>GapsPage</h1><p>Not built yet.</p></section>;
}
