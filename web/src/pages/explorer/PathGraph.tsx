/**
 * One coverage path drawn as boxes joined by arrows: control(s) → the directly satisfied requirement → each crosswalk
 * step (its relationship and strength on the arrow) → this requirement. The drawing is for the eye (aria-hidden, no
 * focusable element in it); the same path follows in words, with links, for screen readers and keyboards.
 */
import { Fragment } from 'react';
import { Link } from 'react-router';
import { StatusChip } from '../../components/status';
import { enumWords, relationshipSentence, relationshipWords, requirementPath } from './format';
import type { PathControl, PathStep, PathView, RequirementRef } from './RequirementCoverage';

export function PathGraph({ index, path, controls, target }: { index: number; path: PathView; controls: PathControl[]; target: RequirementRef }) {
  const privateSteps = path.steps.filter((s) => s.mappingSetPrivate).length;
  const nodes: RequirementRef[] = [path.source, ...path.steps.map((s) => s.to)];
  return (
    <figure className="explorer-path" data-testid="explorer-path" data-status={path.status} data-inferred={path.inferred} data-private={privateSteps > 0}>
      <figcaption>
        <strong>Path {index + 1}</strong> <StatusChip status={path.status} /> weight {path.weight}, {path.steps.length === 0 ? 'a direct link' : `${path.steps.length} crosswalk step${path.steps.length > 1 ? 's' : ''}`}
        {path.inferred && <span className="explorer-tag explorer-tag-inferred">Inferred (composed crosswalks)</span>}
        {privateSteps > 0 && <span className="explorer-tag explorer-tag-own">Rests on your own mapping</span>}
      </figcaption>
      <div className="explorer-graph" aria-hidden="true">
        <span className="explorer-node-col">
          {controls.length === 0 ? (
            <span className="explorer-node explorer-node-control">no control</span>
          ) : (
            controls.map((c) => (
              <span key={c.id} className="explorer-node explorer-node-control" data-testid="explorer-path-node" data-node={`control ${c.code}`}>
                <span className="explorer-node-kind">Control</span>
                <strong>{c.code}</strong>
                <span className="explorer-node-sub">{enumWords(c.coverage).toLowerCase()} link</span>
              </span>
            ))
          )}
        </span>
        <Arrow label="satisfies" />
        {nodes.map((node, i) => (
          <Fragment key={i}>
            {i > 0 && <StepArrow step={path.steps[i - 1]} />}
            <RequirementBox node={node} isTarget={i === nodes.length - 1} />
          </Fragment>
        ))}
      </div>
      <p className="explorer-path-words">
        <span className="sr-only">Path {index + 1} in words: </span>
        {controls.length === 0 ? 'No implemented control' : controls.map((c, i) => (
          <Fragment key={c.id}>
            {i > 0 && ' and '}
            control <Link to={`/controls/${encodeURIComponent(c.id)}`}>{c.code}</Link> ({c.coverage.toLowerCase()} link)
          </Fragment>
        ))}{' '}
        satisfies <RequirementLink node={path.source} />
        {path.steps.map((step, i) => (
          <Fragment key={i}>
            , which {relationshipSentence(step.relationship)} <RequirementLink node={step.to} /> ({stepFacts(step)})
          </Fragment>
        ))}
        {path.steps.length > 0 || path.source.refId !== target.refId ? '' : ' itself'}. This path gives {path.status.toLowerCase()}, weight {path.weight}.
      </p>
    </figure>
  );
}

function stepFacts(step: PathStep): string {
  const facts = [`strength ${step.strength}`];
  if (step.rationale) facts.push(`${step.rationale.toLowerCase()} rationale`);
  if (step.condition) facts.push(`condition ${enumWords(step.condition).toLowerCase()} ${step.conditionMet ? 'met' : 'not met, so read as intersects with'}`);
  if (step.mappingSetName) facts.push(`mapping set “${step.mappingSetName}”`);
  facts.push(step.mappingSetPrivate ? 'your own mapping' : 'public mapping');
  return facts.join(', ');
}

function RequirementLink({ node }: { node: RequirementRef }) {
  return (
    <Link to={requirementPath({ code: node.code, version: node.version }, node.refId)}>
      {node.code} {node.refId}
    </Link>
  );
}

function RequirementBox({ node, isTarget }: { node: RequirementRef; isTarget: boolean }) {
  return (
    <span className={`explorer-node${isTarget ? ' explorer-node-target' : ''}`} data-testid="explorer-path-node" data-node={`${node.code} ${node.refId}`}>
      <span className="explorer-node-kind">{isTarget ? `${node.code} · this requirement` : node.code}</span>
      <strong>{node.refId}</strong>
      {node.title && <span className="explorer-node-sub">{node.title}</span>}
    </span>
  );
}

function Arrow({ label }: { label: string }) {
  return (
    <span className="explorer-edge">
      <span className="explorer-edge-label">{label}</span>
      <span className="explorer-edge-line" />
    </span>
  );
}

function StepArrow({ step }: { step: PathStep }) {
  return (
    <span className={`explorer-edge${step.mappingSetPrivate ? ' explorer-edge-private' : ''}`} data-testid="explorer-path-step">
      <span className="explorer-edge-label">
        {relationshipWords(step.relationship)} · {step.strength}
        {step.mappingSetPrivate && ' · own'}
        {step.condition && !step.conditionMet && ' · condition not met'}
      </span>
      <span className="explorer-edge-line" />
    </span>
  );
}
