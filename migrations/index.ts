/** Every migration, in order. A landed migration is never edited: add a new one after it. */
import { CatalogSchema1795891691153 } from './1795891691153-CatalogSchema';
import { TenantData1795894499985 } from './1795894499985-TenantData';
import { TenantIsolation1795895500000 } from './1795895500000-TenantIsolation';
import { CatalogChangeNotify1795896000000 } from './1795896000000-CatalogChangeNotify';
import { ManagementSystems1795897000000 } from './1795897000000-ManagementSystems';
import { ApiKeyExpiry1795898000000 } from './1795898000000-ApiKeyExpiry';
import { ApplicabilitySetBy1795899000000 } from './1795899000000-ApplicabilitySetBy';
import { TenantChangeNotify1795900000000 } from './1795900000000-TenantChangeNotify';
import { TenantReadSeqs1796000000000 } from './1796000000000-TenantReadSeqs';
import { LockControlOrFail1796100000000 } from './1796100000000-LockControlOrFail';
import { AuditImportId1796200000000 } from './1796200000000-AuditImportId';
import { RefreshControlLinksByIds1796300000000 } from './1796300000000-RefreshControlLinksByIds';
import { OwnFrameworks1796400000000 } from './1796400000000-OwnFrameworks';
import { AiRoles1796500000000 } from './1796500000000-AiRoles';
import { Vendors1796600000000 } from './1796600000000-Vendors';

export const MIGRATIONS: Function[] = [CatalogSchema1795891691153, TenantData1795894499985, TenantIsolation1795895500000, CatalogChangeNotify1795896000000, ManagementSystems1795897000000, ApiKeyExpiry1795898000000, ApplicabilitySetBy1795899000000, TenantChangeNotify1795900000000, TenantReadSeqs1796000000000, LockControlOrFail1796100000000, AuditImportId1796200000000, RefreshControlLinksByIds1796300000000, OwnFrameworks1796400000000, AiRoles1796500000000, Vendors1796600000000];
