import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import type { Role } from '../role';
import type { Principal } from './principal';

/** FORBIDDEN unless the caller's key has one of `roles` (none listed: any role), for resolvers and HTTP routes alike. */
export function requireRole(principal: Principal, roles: readonly Role[]): void {
  if (roles.length > 0 && !roles.includes(principal.role)) {
    throw new DomainError(ErrorCode.FORBIDDEN, `this needs a key with role ${roles.join(' or ')}; this key is ${principal.role}`);
  }
}
