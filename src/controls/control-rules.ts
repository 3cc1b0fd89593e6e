/**
 * What a control's fields accept, in one place: CreateControlInput/UpdateControlInput's decorators and the control
 * inventory import's row check (src/imports/) both read these, so a file row and a GraphQL input are judged alike.
 */
import { CONTROL_STATUSES } from './control-status';

export const CONTROL_CODE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
export const CONTROL_CODE_MESSAGE = 'must be 1 to 64 letters, digits or . _ : / - and start with a letter or digit, e.g. AC-01';
export const CONTROL_TITLE_MAX = 300;
export const CONTROL_DESCRIPTION_MAX = 10_000;
export const CONTROL_OWNER_MAX = 200;
export const CONTROL_STATUS_MESSAGE = `must be one of ${CONTROL_STATUSES.join(', ')}`;

/** "must be at most 300 characters": the wording of a length limit, for decorators and row checks alike. */
export function atMost(max: number): string {
  return `must be at most ${max} characters`;
}
