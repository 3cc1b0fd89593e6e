// Placeholder: built in its own change.
export function FrameworksPage() {
  return <section><h1>FrameworksPage</h1><p>Not built yet.</p></section>;
}
export function FrameworkPage() {
  return <section><h1>FrameworkPage</h1><p>Not built yet.</p></section>;
}
export function RequirementPage() {
  return <section><h1>RequirementPage</h1><p>Not built yet.</p></section>;
}
