/**
 * Spreads the controls to sample over the surveillance audits of a cycle, so that each is sampled at least once per
 * cycle (ISO/IEC 17021-1:2015 9.1.3 and 9.6.2: over the surveillance audits the whole system is looked at, not all
 * of it each time).
 *
 * An item is what one sample checks: a requirement and those it meets through the crosswalks (a containment group,
 * src/graph/containment-groups.ts), which may belong to several standards. It goes to an audit where every one of
 * those standards has a surveillance part, so one look serves them all; where no audit has them all, the item is
 * split per standard. Priority items (a gap, or a recent change) go to the first audit that can take them; the rest
 * are dealt out to the least-loaded audit that can take them, earliest first, so the audits carry similar loads.
 */

export interface SampleRequirement {
  id: string;
  framework: string;
}

export interface SampleItem {
  /** The requirement sampled first; the others are met when it is. */
  requirements: SampleRequirement[];
  priority: boolean;
}

export interface SpreadResult {
  /** Per audit (in the order of `audits`), the items it samples: priority first, then in the order given. */
  perAudit: SampleItem[][];
  /** Items no audit could take (no surveillance audit of their standard). */
  unplaced: SampleItem[];
}

/** `audits`: for each surveillance-bearing audit in due order, the frameworks with a surveillance part in it. */
export function spreadSamples(audits: readonly (readonly string[])[], items: readonly SampleItem[]): SpreadResult {
  const perAudit: SampleItem[][] = audits.map(() => []);
  const unplaced: SampleItem[] = [];
  const eligible = (item: SampleItem) => {
    const frameworks = new Set(item.requirements.map((r) => r.framework));
    return audits.flatMap((held, a) => ([...frameworks].every((f) => held.includes(f)) ? [a] : []));
  };
  const place = (item: SampleItem) => {
    const slots = eligible(item);
    if (slots.length > 0) {
      const slot = item.priority ? slots[0] : slots.reduce((best, a) => (perAudit[a].length < perAudit[best].length ? a : best));
      perAudit[slot].push(item);
      return;
    }
    const frameworks = [...new Set(item.requirements.map((r) => r.framework))];
    if (frameworks.length === 1) {
      unplaced.push(item);
      return;
    }
    for (const f of frameworks) place({ requirements: item.requirements.filter((r) => r.framework === f), priority: item.priority });
  };
  // Priority items first, each to its earliest audit; then the rest, balanced.
  for (const item of items) if (item.priority) place(item);
  for (const item of items) if (!item.priority) place(item);
  return { perAudit, unplaced };
}
