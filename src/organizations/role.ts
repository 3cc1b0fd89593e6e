/** What an API key may do: ADMIN everything, EDITOR change tenant data, AUDITOR read (including the audit trail). */
export const ROLES = ['ADMIN', 'EDITOR', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];
