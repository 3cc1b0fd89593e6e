/**
 * The "Read me" sheet's explanations, in a compliance person's words: DESIGN.md's definitions ("What the numbers
 * mean") as an auditor or consultant would want them read. Each export picks the paragraphs its sheets need.
 */

export const RELATIONSHIPS: readonly string[] = [
  'Relationships (NIST IR 8477). Each row compares a requirement of the first framework (the source) with one of the second (the target).',
  'EQUAL: both ask for the same thing. SUBSET_OF: everything the source asks for, the target asks for too (the target asks for more). ' +
    'SUPERSET_OF: the source asks for everything the target does, and more. INTERSECTS_WITH: they overlap, and each asks for something the other does not. ' +
    'NOT_RELATED: a mapper looked and found no relationship.',
  'Strength (NIST IR 8278A, 0 to 10): how similar the two are. EQUAL is 10 and NOT_RELATED 0; 7–9 means much more alike than not, 4–6 about even, 1–3 much less.',
  'Rationale: SYNTACTIC (the wording matches), SEMANTIC (the meaning matches), FUNCTIONAL (they achieve the same outcome).',
  'Evidence: for EQUAL, SUBSET_OF and SUPERSET_OF, each demand of the contained requirement and where the other one makes it. Containment rests on what ' +
    'the texts require, never on guidance, points of focus or informative annexes.',
  'Condition SAME_MANAGEMENT_SYSTEM: the relationship holds as stated only when one management system covers both standards; otherwise read it as ' +
    'INTERSECTS_WITH, strength at most 9.',
  'Provenance: which mapping set the row comes from, who made it, how (human, automation, hybrid), whether it is complete, and the documents it rests on.',
];

export const COVERAGE: readonly string[] = [
  'Coverage status. FULL: an implemented control satisfies the requirement, directly or through a crosswalk that carries all of it. PARTIAL: some of it is ' +
    'satisfied (a control linked as partial, or a crosswalk that carries only part). NONE: nothing satisfies it yet. EXCLUDED: the Statement of ' +
    'Applicability excludes it, so it does not count.',
  'Direct: an IMPLEMENTED control of the organization is linked to the requirement. Planned or in-progress controls are listed but satisfy nothing yet.',
  'Through a crosswalk: a requirement that is satisfied passes its status on along a crosswalk. EQUAL and SUPERSET_OF pass on what the source has; ' +
    'SUBSET_OF and INTERSECTS_WITH pass on PARTIAL, weighted strength/10. Several partial sources never add up to FULL.',
  'Score of a framework = (FULL requirements + the weights of the PARTIAL ones) / the applicable requirements that can be assessed. Excluded ' +
    'requirements leave the count. Headings (clauses or themes that only group others) have no status of their own.',
];

export const APPLICABILITY: readonly string[] = [
  'Statement of Applicability: for every requirement, whether it applies to the organization and why. A requirement never decided applies. ' +
    'Excluding a heading (a clause or theme) excludes what it holds, with the same justification, unless a line below it says otherwise; ' +
    '"Decided on" names that heading.',
];

export const FORMULAS: readonly string[] = [
  'Text that would start with =, +, -, @, a tab or a carriage return is written with a leading apostrophe (\'), so that no spreadsheet runs it ' +
    'as a formula. The file holds values only, never formulas.',
];
