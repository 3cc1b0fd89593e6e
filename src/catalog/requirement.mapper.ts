import { type ConnectionShape, type Page, toConnection } from '../common/paging/connection.model';
import { encodeCursor } from '../common/paging/cursor';
import type { Requirement } from './models/requirement.model';

export function requirementConnection(page: Page<Requirement>, first: number, after: number | undefined): ConnectionShape<Requirement> {
  return toConnection(page, first, after, (r) => encodeCursor('r', r.position), (r) => r);
}
