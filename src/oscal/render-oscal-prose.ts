/**
 * OSCAL prose as NIST renders it in the published SP 800-53: a parameter inserted with `{{ insert: param, id }}` reads
 * `[Assignment: organization-defined …]` (its label), `[Selection (one or more): a; b]` (its choices; "(one or more)"
 * when `how-many` is one-or-more), or its values when a profile has set them (`values`, joined by ", "); choices,
 * labels and values are trimmed, as the published text has no space before a closing bracket. A statement's
 * nested parts become items, each with its `label` prop (or its number among its siblings), indented two spaces a level.
 */
import { inOscalNamespace, type OscalParam, type OscalPart } from './oscal-types';

const INSERT_PARAM = /\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}/g;
/** Choices may insert params of their own; deeper than this is a loop. */
const MAX_INSERT_DEPTH = 8;

export interface ProseContext {
  params: ReadonlyMap<string, OscalParam>;
  /** Called for an insert that names no param, or that nests too deep; the text keeps a readable placeholder. */
  problem(message: string): void;
}

export function renderParam(param: OscalParam, context: ProseContext, depth = 0): string {
  if (param.values && param.values.length > 0) return param.values.map((value) => renderProse(value, context, depth + 1).trim()).join(', ');
  if (param.select) {
    const howMany = param.select['how-many'] === 'one-or-more' ? ' (one or more)' : '';
    const choices = (param.select.choice ?? []).map((choice) => renderProse(choice, context, depth + 1).trim());
    return `[Selection${howMany}: ${choices.join('; ')}]`;
  }
  return `[Assignment: ${param.label !== undefined ? renderProse(param.label, context, depth + 1).trim() : param.id}]`;
}

export function renderProse(prose: string, context: ProseContext, depth = 0): string {
  return prose.replace(INSERT_PARAM, (_insert, id: string) => {
    const param = context.params.get(id);
    if (!param) {
      context.problem(`inserts param "${id}", which no params entry of this catalog defines`);
      return `[Assignment: ${id}]`;
    }
    if (depth >= MAX_INSERT_DEPTH) {
      context.problem(`param "${id}" inserts params more than ${MAX_INSERT_DEPTH} deep (a param that inserts itself?)`);
      return `[Assignment: ${id}]`;
    }
    return renderParam(param, context, depth);
  });
}

function labelOf(part: OscalPart): string | undefined {
  return part.props?.find((prop) => prop.name === 'label' && inOscalNamespace(prop))?.value;
}

/**
 * The text of a part and its sub-parts, one line per part: the root's prose unlabelled, each sub-part's prose after
 * its label (or, with `number`, its position "1."), indented two spaces per level. Recursion is bounded by the
 * document depth guard (validate-oscal.ts).
 */
export function renderPart(part: OscalPart, context: ProseContext, options: { number: boolean }): string {
  const lines: string[] = [];
  const walk = (current: OscalPart, level: number, ordinal: number) => {
    const prose = current.prose !== undefined ? renderProse(current.prose, context).trim() : '';
    if (level === 0) {
      if (prose) lines.push(prose);
    } else {
      const label = labelOf(current) ?? (options.number ? `${ordinal}.` : undefined);
      const head = [label, current.title && !prose ? current.title : undefined, prose].filter((s) => s).join(' ');
      if (head) lines.push(`${'  '.repeat(level - 1)}${head}`);
    }
    (current.parts ?? []).forEach((child, i) => walk(child, level + 1, i + 1));
  };
  walk(part, 0, 1);
  return lines.join('\n');
}
