/**
 * The framework explorer: public pages that get richer with a key.
 * - /frameworks: the catalog (and the organization's own frameworks);
 * - /frameworks/:framework: the requirement tree, with the organization's status on each assessable requirement;
 * - /frameworks/:framework/requirements/:refId: one requirement, its crosswalks and their sources, and the
 *   organization's coverage paths drawn as a small graph.
 * `:framework` is an API framework reference: CODE (the newest version) or CODE:VERSION.
 */
import { useParams } from 'react-router';
import { FrameworksList } from './explorer/FrameworksList';
import { FrameworkTree } from './explorer/FrameworkTree';
import { RequirementView } from './explorer/RequirementView';
import './ExplorerPages.css';

export function FrameworksPage() {
  return <FrameworksList />;
}

export function FrameworkPage() {
  const { framework = '' } = useParams();
  // A new tree (its filter and collapsed headings) for each framework.
  return <FrameworkTree key={framework} reference={framework} />;
}

export function RequirementPage() {
  const { framework = '', refId = '' } = useParams();
  return <RequirementView key={`${framework}/${refId}`} reference={framework} refId={refId} />;
}
