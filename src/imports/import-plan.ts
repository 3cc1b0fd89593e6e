/**
 * What an import changes, worked out from the valid rows and what the organization has now, before anything is
 * written: the same plan answers a dry run (its counts) and drives the write (its statements). Pure.
 *
 * - A code the organization does not have is created (status PLANNED unless given).
 * - A code it has is updated when a given field differs, and then its version goes up by one; a row that changes
 *   nothing leaves the control (and its version) alone. Links are not part of the control's version, as with
 *   linkControl.
 * - Links (only for rows that give `links`): each listed link is added, or changed when its coverage differs;
 *   in replace mode the control's other links are removed, in merge mode they stay.
 */
import type { ControlStatus, LinkCoverage } from '../controls/control-status';
import type { ImportMode, ValidControlRow } from './control-import.types';

export interface ExistingControl {
  id: string;
  code: string;
  title: string;
  description: string | null;
  owner: string | null;
  status: ControlStatus;
  version: number;
}

export interface ControlFields {
  code: string;
  title: string;
  description: string | null;
  owner: string | null;
  status: ControlStatus;
}

export interface PlannedLink {
  /** The control by code: a new control has no id until it is inserted. */
  code: string;
  requirementId: string;
  framework: string;
  refId: string;
  coverage: LinkCoverage;
  /** The coverage it had; null when the link is new. */
  before: LinkCoverage | null;
}

export interface ImportPlan {
  creates: ControlFields[];
  updates: Array<{ before: ExistingControl; after: ControlFields }>;
  unchanged: number;
  /** Links to add or change, in one upsert. */
  linkUpserts: PlannedLink[];
  linkRemovals: Array<{ controlId: string; requirementId: string; coverage: LinkCoverage }>;
  counts: { created: number; updated: number; unchanged: number; linksAdded: number; linksRemoved: number; linksChanged: number };
}

export function planImport(
  rows: readonly ValidControlRow[],
  existing: ReadonlyMap<string, ExistingControl>,
  /** Existing links by control id: requirement id → coverage. */
  linksOf: ReadonlyMap<string, ReadonlyMap<string, LinkCoverage>>,
  mode: ImportMode,
): ImportPlan {
  const plan: ImportPlan = {
    creates: [], updates: [], unchanged: 0, linkUpserts: [], linkRemovals: [],
    counts: { created: 0, updated: 0, unchanged: 0, linksAdded: 0, linksRemoved: 0, linksChanged: 0 },
  };
  const none = new Map<string, LinkCoverage>();
  for (const row of rows) {
    const before = existing.get(row.code);
    const after: ControlFields = {
      code: row.code,
      title: row.title,
      description: row.description === undefined ? (before?.description ?? null) : row.description,
      owner: row.owner === undefined ? (before?.owner ?? null) : row.owner,
      status: row.status ?? before?.status ?? 'PLANNED',
    };
    if (!before) plan.creates.push(after);
    else if (after.title !== before.title || after.description !== before.description || after.owner !== before.owner || after.status !== before.status) {
      plan.updates.push({ before, after });
    } else plan.unchanged += 1;

    if (row.links === undefined) continue;
    const current = (before && linksOf.get(before.id)) || none;
    const listed = new Set<string>();
    for (const link of row.links) {
      listed.add(link.requirementId);
      const had = current.get(link.requirementId) ?? null;
      if (had === link.coverage) continue;
      plan.linkUpserts.push({ code: row.code, ...link, before: had });
      if (had === null) plan.counts.linksAdded += 1;
      else plan.counts.linksChanged += 1;
    }
    if (mode === 'replace' && before) {
      for (const [requirementId, coverage] of current) {
        if (listed.has(requirementId)) continue;
        plan.linkRemovals.push({ controlId: before.id, requirementId, coverage });
        plan.counts.linksRemoved += 1;
      }
    }
  }
  Object.assign(plan.counts, { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged });
  return plan;
}
