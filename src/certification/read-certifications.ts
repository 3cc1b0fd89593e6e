/**
 * The certificationPlan inputs checked and read into cycle inputs: each standard resolved (public or the
 * organization's own), a management-system standard, named once, with exactly one real date. Every refusal is
 * BAD_USER_INPUT naming the field (`certifications[1].stage2Date`) and what would be accepted; nothing is planned
 * from a partly bad list.
 */
import { BadUserInputError, DomainError } from '../common/errors/domain-error';
import type { Framework } from '../catalog/models/framework.model';
import { parseCalendarDate } from './calendar-date';
import type { CycleInput } from './certification-cycle';

export interface CertificationRequest {
  framework: string;
  certificationDate?: string | null;
  stage2Date?: string | null;
}

const DATE_RULE = 'must be a real calendar date YYYY-MM-DD, such as 2026-06-15';

export function readCertifications(requests: readonly CertificationRequest[], resolve: (ref: string, field: string) => Framework): CycleInput[] {
  const seen = new Map<string, number>();
  return requests.map((request, i) => {
    const at = `certifications[${i}]`;
    let framework: Framework;
    try {
      framework = resolve(request.framework, `${at}.framework`);
    } catch (error) {
      // An unknown standard is a bad argument of this query, whatever the catalog lookup calls it.
      if (error instanceof DomainError && error.field) throw new BadUserInputError(error.field, error.message.slice(error.field.length + 2));
      throw error;
    }
    if (framework.kind !== 'MANAGEMENT_SYSTEM_STANDARD') {
      throw new BadUserInputError(`${at}.framework`, `${framework.code}:${framework.version} is not certified under ISO/IEC 17021-1; give a management-system standard such as ISO27001 or ISO42001`);
    }
    const earlier = seen.get(framework.id);
    if (earlier !== undefined) throw new BadUserInputError(`${at}.framework`, `names ${framework.code}:${framework.version} again (as certifications[${earlier}] did); give each standard once`);
    seen.set(framework.id, i);
    const hasCertification = request.certificationDate != null;
    const hasStage2 = request.stage2Date != null;
    if (hasCertification === hasStage2) {
      throw new BadUserInputError(at, 'give exactly one of certificationDate (the certification decision, for a certified standard) and stage2Date (the planned Stage 2 audit)');
    }
    const field = hasCertification ? 'certificationDate' : 'stage2Date';
    const date = parseCalendarDate(hasCertification ? request.certificationDate : request.stage2Date);
    if (!date) throw new BadUserInputError(`${at}.${field}`, DATE_RULE);
    return hasCertification ? { framework: framework.id, certificationDate: date } : { framework: framework.id, stage2Date: date };
  });
}
