/**
 * Frameworks as choices in a form: public ones, then the organization's own, each named the way the API's arguments
 * take it (CODE, or CODE:VERSION when the code has several versions), with a label people read.
 */
import { graphql } from '../gql';

/** The frameworks a form offers (needs a key: own frameworks are the organization's). One document for every page. */
export const FrameworkChoices = graphql(`
  query FrameworkChoices {
    frameworks {
      code
      version
      name
    }
    ownFrameworks {
      code
      version
      name
    }
  }
`);

interface FrameworkLike {
  code: string;
  version: string;
  name: string;
}

export interface FrameworkOption extends FrameworkLike {
  /** What arguments take: CODE, or CODE:VERSION when the code has several versions. */
  ref: string;
  label: string;
  own: boolean;
}

export function frameworkOptions(frameworks: FrameworkLike[], ownFrameworks: FrameworkLike[] = []): FrameworkOption[] {
  const all = [...frameworks.map((f) => ({ ...f, own: false })), ...ownFrameworks.map((f) => ({ ...f, own: true }))];
  const versions = new Map<string, number>();
  for (const f of all) versions.set(f.code, (versions.get(f.code) ?? 0) + 1);
  return all.map((f) => {
    const several = (versions.get(f.code) ?? 0) > 1;
    const ref = several ? `${f.code}:${f.version}` : f.code;
    return { code: f.code, version: f.version, name: f.name, ref, own: f.own, label: several ? `${ref} — ${f.name}` : `${ref} — ${f.name} (${f.version})` };
  });
}

/** How links and arguments name a framework version that `options` lists. */
export function frameworkRef(framework: { code: string; version: string }, options: FrameworkOption[]): string {
  const versioned = `${framework.code}:${framework.version}`;
  return options.some((o) => o.ref === versioned) ? versioned : framework.code;
}

/** A path segment; a colon stays readable (CODE:VERSION), everything else is escaped (refIds hold spaces). */
function segment(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':');
}

/** The explorer's page of one framework, by its reference (CODE or CODE:VERSION). */
export function frameworkPath(frameworkRef: string): string {
  return `/frameworks/${segment(frameworkRef)}`;
}

/** The explorer's page of one requirement: every page links requirements through here. */
export function requirementPath(frameworkRef: string, refId: string): string {
  return `${frameworkPath(frameworkRef)}/requirements/${segment(refId)}`;
}
