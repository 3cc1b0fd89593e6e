// Placeholder: built in its own change.
export function ControlsPage() {
  return <section><h1>ControlsPage</h1><p>Not built yet.</p></section>;
}
export function ControlPage() {
  return <section><h1>ControlPage</h1><p>Not built yet.</p></section>;
}
