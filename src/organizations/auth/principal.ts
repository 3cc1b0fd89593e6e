import type { Role } from '../role';

/** Who is calling: the organization and role of the API key on the request. */
export interface Principal {
  organizationId: string;
  keyId: string;
  role: Role;
}
