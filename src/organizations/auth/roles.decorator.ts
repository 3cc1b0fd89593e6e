import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import type { Role } from '../role';
import { ROLES_KEY } from './roles-key';
import { TenantGuard } from './tenant.guard';

/**
 * Marks a resolver as tenant data: it needs a valid API key of the organization, with one of these roles
 * (no roles listed: any role). Without a key: UNAUTHENTICATED; with the wrong role: FORBIDDEN.
 */
export function RequireKey(...roles: Role[]) {
  return applyDecorators(SetMetadata(ROLES_KEY, roles), UseGuards(TenantGuard));
}
