/**
 * What every change to an organization's own catalog does first, inside its tenant transaction (TenantDb.write):
 * bump organization.own_catalog_version, which locks the organization's row until commit (so two imports of one
 * organization take turns and the limits below hold), tells every service to rebuild the organization's overlay
 * (OwnCatalogs keys on the version) and notifies the other replicas (migration OwnFrameworks); then count what the
 * organization holds, so the change can be checked against its limits before anything is written.
 */
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import type { OwnCatalogLimits } from '../config/app-config';

export interface OwnCatalogCounts {
  frameworks: number;
  requirements: number;
  edges: number;
}

/** Bumps the version (taking the organization's lock) and counts its own rows. */
export async function beginOwnCatalogChange(manager: EntityManager, organizationId: string): Promise<OwnCatalogCounts & { version: number }> {
  const [row] = await manager.query<Array<{ version: number; frameworks: number; requirements: number; edges: number }>>(
    `WITH bumped AS (UPDATE organization SET own_catalog_version = own_catalog_version + 1 WHERE id = $1 RETURNING own_catalog_version)
     SELECT (SELECT own_catalog_version FROM bumped) AS version,
            (SELECT count(*)::int FROM framework WHERE organization_id = $1) AS frameworks,
            (SELECT count(*)::int FROM requirement WHERE organization_id = $1) AS requirements,
            (SELECT count(*)::int FROM crosswalk_edge WHERE organization_id = $1) AS edges`,
    [organizationId],
  );
  if (row?.version === null || row?.version === undefined) throw new Error(`own catalog: organization ${organizationId} not found`);
  return row;
}

/** The change would take the organization past a limit: nothing was written. Code LIMIT_EXCEEDED on `field`. */
export class OwnCatalogLimitError extends DomainError {
  constructor(field: string, what: string, have: number, adding: number, limit: number, setting: string) {
    super(
      ErrorCode.BAD_USER_INPUT,
      `${field}: this would give the organization ${have + adding} own ${what} (it has ${have}, this adds ${adding}); ` +
        `the limit is ${limit} (${setting}). Delete own ${what} first, or ask the operator to raise ${setting}.`,
      field,
      { reason: 'LIMIT_EXCEEDED', limit, have, adding },
    );
  }
}

/** Throws OwnCatalogLimitError for the first limit that `adding` would pass. */
export function checkOwnCatalogLimits(field: string, have: OwnCatalogCounts, adding: Partial<OwnCatalogCounts>, limits: OwnCatalogLimits): void {
  const checks: Array<[keyof OwnCatalogCounts, string, string]> = [
    ['frameworks', 'frameworks', 'OWN_FRAMEWORKS_MAX'],
    ['requirements', 'requirements', 'OWN_REQUIREMENTS_MAX'],
    ['edges', 'crosswalk edges', 'OWN_EDGES_MAX'],
  ];
  for (const [key, what, setting] of checks) {
    const add = adding[key] ?? 0;
    if (add > 0 && have[key] + add > limits[key]) throw new OwnCatalogLimitError(field, what, have[key], add, limits[key], setting);
  }
}
