/**
 * What an organization may declare as one management system, as pure rules over framework versions: only
 * management-system standards, and a standard that extends another only together with it. Each rule names the
 * offending argument and what would be accepted (BAD_USER_INPUT).
 */
import { BadUserInputError } from '../common/errors/domain-error';

/** A standard that can only be run as an extension of another's management system (ISO/IEC 27701:2019, clause 1). */
export const EXTENDS: Readonly<Record<string, string>> = { ISO27701: 'ISO27001' };

export interface DeclarableFramework {
  id: string;
  code: string;
  version: string;
  kind: string;
}

export function checkDeclarable<F extends DeclarableFramework>(chosen: Array<{ framework: F; field: string }>): void {
  for (const { framework, field } of chosen) {
    if (framework.kind !== 'MANAGEMENT_SYSTEM_STANDARD') {
      throw new BadUserInputError(
        field,
        `${framework.code}:${framework.version} is not a management-system standard, so no management system covers it; ` +
          'list ISO management-system standards only, such as ISO27001, ISO27701, ISO42001 or ISO9001',
      );
    }
  }
  const codes = new Set(chosen.map((c) => c.framework.code));
  for (const { framework, field } of chosen) {
    const base = EXTENDS[framework.code];
    if (base && !codes.has(base)) {
      throw new BadUserInputError(
        field,
        `${framework.code}:${framework.version} extends the ${base} management system, so it can only be declared in the system that holds ${base}; ` +
          `add ${base} to this system's frameworks`,
      );
    }
  }
}
