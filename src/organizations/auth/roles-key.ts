/** Where @RequireKey keeps the roles a resolver needs, for TenantGuard to read. */
export const ROLES_KEY = 'crosswalk:roles';
