/**
 * A list-valued export parameter, `?frameworks=ISO27001,SOC2`: what GraphQL takes as a list argument, given in one
 * query parameter, comma-separated. Bounded as the GraphQL argument is, each entry checked by whoever resolves it.
 */
import { BadUserInputError } from '../common/errors/domain-error';

export function listParam(value: string, field: string, max: number): string[] {
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new BadUserInputError(field, 'must be framework references separated by commas, e.g. ISO27001,SOC2; an entry is empty');
  if (items.length > max) throw new BadUserInputError(field, `must list at most ${max} frameworks`);
  return items;
}
