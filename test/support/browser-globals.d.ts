/**
 * `page.evaluate` callbacks run in the browser. The project compiles without TypeScript's DOM library (it would retype
 * Node's own fetch and Buffer bodies), so the one browser global those callbacks use (`document`) is declared here, as loosely as
 * they need it.
 */
interface BrowserElement {
  id: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
declare const document: { activeElement: BrowserElement | null; querySelector(selector: string): BrowserElement | null };
