import type { Framework } from '../catalog/models/framework.model';
import { NotFoundError } from '../common/errors/domain-error';
import type { GraphView } from '../graph/graph-view';

/** The graph index of `framework`'s requirement `refId`; NOT_FOUND naming `refId` when the framework has none. */
export function requirementIndexByRef(graph: GraphView, framework: Framework, refId: string): number {
  const f = graph.frameworkIndex(framework.id);
  const members = f < 0 ? [] : graph.requirementsOf(f);
  for (let i = 0; i < members.length; i++) if (graph.refId(members[i]) === refId) return members[i];
  throw new NotFoundError('refId', `${framework.code}:${framework.version} has no requirement "${refId}"`);
}
