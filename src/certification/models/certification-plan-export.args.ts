import { ArrayMaxSize, Matches, ValidateIf } from 'class-validator';
import { MAX_CERTIFICATIONS } from './certification-plan.args';

const ITEM = /^[A-Za-z0-9][A-Za-z0-9._-]*(?::[A-Za-z0-9._-]+)?:\d{4}-\d{2}-\d{2}$/;

/**
 * The certification-plan export's list parameters (`certification`, `stage2`), read like every export list
 * (readFrameworkList): each item a standard and a date, STANDARD:YYYY-MM-DD. Whether the date is real, and the
 * standard known, the planner checks, as for the GraphQL query. Each list is checked when it is the one being read:
 * readFrameworkList hands the other parameters over as given (text), which are read in their own turn.
 */
const isList = (_args: object, value: unknown) => Array.isArray(value);

export class CertificationPlanExportArgs {
  @ValidateIf(isList)
  @ArrayMaxSize(MAX_CERTIFICATIONS, { message: `must list at most ${MAX_CERTIFICATIONS} standards` })
  @Matches(ITEM, { each: true, message: 'each must be STANDARD:YYYY-MM-DD, such as ISO27001:2025-03-01' })
  certification?: string[];

  @ValidateIf(isList)
  @ArrayMaxSize(MAX_CERTIFICATIONS, { message: `must list at most ${MAX_CERTIFICATIONS} standards` })
  @Matches(ITEM, { each: true, message: 'each must be STANDARD:YYYY-MM-DD, such as ISO42001:2026-06-15' })
  stage2?: string[];
}
