import { OscalDocumentError } from './oscal-error';
import { oscalFixture, SP800_53 } from './oscal-test-support.fixture';
import { readOscalCatalog, refIdOf } from './read-oscal-catalog';

const sp80053 = oscalFixture(SP800_53);

/** A minimal valid catalog around `body` (groups, controls, params). */
function catalog(body: object): unknown {
  return {
    catalog: {
      uuid: '11111111-1111-4111-8111-111111111111',
      metadata: { title: 'Tiny', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.2.2' },
      ...body,
    },
  };
}

function refusal(doc: unknown): OscalDocumentError {
  try {
    readOscalCatalog(doc);
  } catch (error) {
    if (error instanceof OscalDocumentError) return error;
    throw error;
  }
  throw new Error('the catalog was read');
}

describe('readOscalCatalog: NIST SP 800-53 rev5 (5.0.1)', () => {
  const read = readOscalCatalog(sp80053);
  const byRef = new Map(read.requirements.map((r) => [r.refId, r]));

  it('reads the metadata', () => {
    expect(read.version).toBe('5.0.1');
    expect(read.title).toMatch(/^NIST Special Publication 800-53 Revision 5/);
    expect(read.lastModified).toBe('2021-06-08T13:57:33.013981-04:00');
  });

  it('has 20 families as headings, 322 controls and 867 enhancements (1,189), 182 of them withdrawn', () => {
    const count = (kind: string) => read.requirements.filter((r) => r.kind === kind).length;
    expect(count('group')).toBe(20);
    expect(count('control')).toBe(322);
    expect(count('enhancement')).toBe(867);
    expect(read.requirements.filter((r) => r.withdrawn)).toHaveLength(182);
    expect(read.requirements.filter((r) => r.assessable)).toHaveLength(1189 - 182);
    expect(read.requirements.filter((r) => r.kind === 'group').every((r) => !r.assessable)).toBe(true);
  });

  it('keeps a control with enhancements assessable, with the tree and document order', () => {
    const ac = byRef.get('AC')!;
    const ac2 = byRef.get('AC-2')!;
    const ac23 = byRef.get('AC-2(3)')!;
    expect(ac).toMatchObject({ oscalId: 'ac', kind: 'group', parentRefId: null, depth: 0, title: 'Access Control', position: 0 });
    expect(ac2).toMatchObject({ oscalId: 'ac-2', kind: 'control', assessable: true, parentRefId: 'AC', depth: 1, title: 'Account Management' });
    expect(ac23).toMatchObject({ oscalId: 'ac-2.3', kind: 'enhancement', assessable: true, parentRefId: 'AC-2', depth: 2, title: 'Disable Accounts' });
    expect(ac.position).toBeLessThan(ac2.position);
    expect(ac2.position).toBeLessThan(ac23.position);
    expect(ac23.path).toBe('$.catalog.groups[0].controls[1].controls[2]');
  });

  it('keeps a withdrawn enhancement, not assessable and without text', () => {
    expect(byRef.get('AC-2(10)')).toMatchObject({ withdrawn: true, assessable: false, text: null, kind: 'enhancement' });
  });

  it('renders AC-1 as NIST publishes it: assignments, a selection (one or more), numbered items', () => {
    expect(byRef.get('AC-1')!.text).toBe(
      [
        'a. Develop, document, and disseminate to [Assignment: organization-defined personnel or roles]:',
        '  1. [Selection (one or more): Organization-level; Mission/business process-level; System-level] access control policy that:',
        '    (a) Addresses purpose, scope, roles, responsibilities, management commitment, coordination among organizational entities, and compliance; and',
        '    (b) Is consistent with applicable laws, executive orders, directives, regulations, policies, standards, and guidelines; and',
        '  2. Procedures to facilitate the implementation of the access control policy and the associated access controls;',
        'b. Designate an [Assignment: organization-defined official] to manage the development, documentation, and dissemination of the access control policy and procedures; and',
        'c. Review and update the current access control:',
        '  1. Policy [Assignment: organization-defined frequency] and following [Assignment: organization-defined events]; and',
        '  2. Procedures [Assignment: organization-defined frequency] and following [Assignment: organization-defined events].',
      ].join('\n'),
    );
    expect(byRef.get('AC-1')!.guidance).toMatch(/^Access control policy and procedures address the controls in the AC family/);
  });

  it('renders AC-7 as NIST publishes it: a selection whose choices insert assignments', () => {
    expect(byRef.get('AC-7')!.text).toBe(
      [
        'a. Enforce a limit of [Assignment: organization-defined number] consecutive invalid logon attempts by a user during a [Assignment: organization-defined time period]; and',
        'b. Automatically [Selection (one or more): lock the account or node for an [Assignment: organization-defined time period]; lock the account or node until released by an administrator; delay next logon prompt per [Assignment: organization-defined delay algorithm]; notify system administrator; take other [Assignment: organization-defined action]] when the maximum number of unsuccessful attempts is exceeded.',
      ].join('\n'),
    );
  });

  it('renders AC-2(3) as NIST publishes it', () => {
    expect(byRef.get('AC-2(3)')!.text).toBe(
      [
        'Disable accounts within [Assignment: organization-defined time period] when the accounts:',
        '(a) Have expired;',
        '(b) Are no longer associated with a user or individual;',
        '(c) Are in violation of organizational policy; or',
        '(d) Have been inactive for [Assignment: organization-defined time period].',
      ].join('\n'),
    );
  });
});

describe('readOscalCatalog: NIST basic catalog (OSCAL 1.1.2)', () => {
  const read = readOscalCatalog(oscalFixture('basic-catalog.json'));
  const byRef = new Map(read.requirements.map((r) => [r.refId, r]));

  it('reads nested groups as headings and their controls as assessable requirements', () => {
    expect(byRef.get('1')).toMatchObject({ oscalId: 's1', kind: 'group', assessable: false, depth: 0 });
    expect(byRef.get('S1.1')).toMatchObject({ kind: 'group', parentRefId: '1', depth: 1 });
    expect(byRef.get('1.1.1')).toMatchObject({ oscalId: 's1.1.1', kind: 'control', assessable: true, parentRefId: 'S1.1', depth: 2 });
    expect(read.requirements.filter((r) => r.assessable).length).toBeGreaterThan(0);
  });

  it('renders a selection whose choice inserts another param, and keeps guidance text', () => {
    const control = byRef.get('1.1.1')!;
    expect(control.text).toContain(
      "with [Selection (one or more): initiating a device lock after [Assignment: a duration] of inactivity; requiring the user to initiate a device lock before leaving the system unattended].",
    );
    expect(control.guidance).toMatch(/^Test objective text for s1.1.1_gdn.1, written for Crosswalk's tests.\nTest objective text for s1.1.1_gdn.2/);
  });
});

describe('readOscalCatalog: a resolved-profile catalog (controls at the top, params set)', () => {
  const resolved = catalog({
    controls: [
      {
        id: 'ac-2',
        title: 'Account Management',
        params: [
          { id: 'ac-2_prm_1', label: 'organization-defined time period', values: ['24 hours'] },
          { id: 'ac-2_prm_2', select: { choice: ['disable', 'remove'] } },
        ],
        props: [{ name: 'label', value: 'AC-2', class: 'sp800-53' }, { name: 'label', value: 'AC-02' }, { name: 'sort-id', value: 'ac-02' }],
        parts: [
          { id: 'ac-2_smt', name: 'statement', prose: 'Within {{ insert: param, ac-2_prm_1 }}, {{insert: param,ac-2_prm_2}} accounts.' },
          {
            id: 'ac-2_obj',
            name: 'assessment-objective',
            parts: [{ name: 'assessment-objective', props: [{ name: 'label', value: 'AC-02a.' }], prose: 'accounts are reviewed.' }],
          },
        ],
        controls: [{ id: 'ac-2.1', title: 'Automated Management', props: [{ name: 'label', value: 'AC-2(1)', class: 'zero-padded' }] }],
      },
      { id: 'x-1', title: 'No label at all' },
    ],
  });
  const read = readOscalCatalog(resolved);

  it('reads top-level controls without groups, with set values and an unqualified selection', () => {
    expect(read.requirements.map((r) => [r.refId, r.kind, r.parentRefId, r.depth])).toEqual([
      ['AC-02', 'control', null, 0],
      ['AC-2(1)', 'enhancement', 'AC-02', 1],
      ['X-1', 'control', null, 0],
    ]);
    expect(read.requirements[0].text).toBe('Within 24 hours, [Selection: disable; remove] accounts.');
    expect(read.requirements[0].objectives).toBe('AC-02a. accounts are reviewed.');
  });

  it('takes the label without a class, else the first label, else the id upper-cased', () => {
    expect(refIdOf({ id: 'a-1', title: 't', props: [{ name: 'label', value: 'L1', class: 'c' }, { name: 'label', value: 'L2' }] })).toBe('L2');
    expect(refIdOf({ id: 'a-1', title: 't', props: [{ name: 'label', value: 'L1', class: 'c' }, { name: 'label', value: 'L2', class: 'd' }] })).toBe('L1');
    expect(refIdOf({ id: 'a-1', title: 't', props: [{ name: 'label', value: 'L1', ns: 'https://example.org' }] })).toBe('A-1');
    expect(refIdOf({ title: 'Only a title' })).toBe('Only a title');
  });
});

describe('readOscalCatalog: refusals name the JSON path', () => {
  const control = (id: string, more: object = {}) => ({ id, title: id, ...more });

  it('refuses duplicate ids and duplicate labels', () => {
    const ids = refusal(catalog({ groups: [{ id: 'g', title: 'G', controls: [control('c-1'), control('c-1', { props: [{ name: 'label', value: 'other' }] })] }] }));
    expect(ids.problems).toContainEqual({ path: '$.catalog.groups[0].controls[1].id', message: expect.stringContaining('duplicate id "c-1"') });
    const labels = refusal(catalog({ controls: [control('c-1'), control('c-2', { props: [{ name: 'label', value: 'c-1' }] })] }));
    expect(labels.problems[0]).toEqual({ path: '$.catalog.controls[1]', message: expect.stringContaining('duplicate label "c-1": $.catalog.controls[0] has it too') });
  });

  it('refuses an insert of a param that does not exist (a dangling reference)', () => {
    const error = refusal(catalog({ controls: [control('c-1', { parts: [{ name: 'statement', prose: 'Do {{ insert: param, nope }}.' }] })] }));
    expect(error.problems[0]).toEqual({ path: '$.catalog.controls[0].parts', message: expect.stringContaining('"nope"') });
  });

  it('refuses a param that inserts itself', () => {
    const loop = { id: 'p', select: { choice: ['again {{ insert: param, p }}'] } };
    const error = refusal(catalog({ controls: [control('c-1', { params: [loop], parts: [{ name: 'statement', prose: '{{ insert: param, p }}' }] })] }));
    expect(error.message).toMatch(/inserts params more than 8 deep/);
  });

  it('refuses deeply nested groups with a clear error, not a stack overflow', () => {
    let groups: object = { title: 'leaf', controls: [control('c-1')] };
    for (let i = 0; i < 100_000; i += 1) groups = { title: `g${i}`, groups: [groups] };
    const error = refusal(catalog({ groups: [groups] }));
    expect(error.message).toMatch(/nests deeper than 128 levels/);
    expect(error.problems[0].path).toMatch(/^\$\.catalog\.groups\[0\]\.groups\[0\]/);
  });

  it('refuses wrong types, a missing title, an unknown field and a catalog with nothing in it', () => {
    expect(refusal(catalog({ controls: [{ id: 'c-1', title: 7 }] })).problems[0]).toEqual({ path: '$.catalog.controls[0].title', message: 'must be string' });
    expect(refusal(catalog({ controls: [{ id: 'c-1' }] })).problems[0]).toEqual({ path: '$.catalog.controls[0]', message: 'missing required field "title"' });
    expect(refusal(catalog({ controls: [{ id: 'c-1', title: 't', colour: 'red' }] })).message).toMatch(/unknown field "colour"; allowed: id, class, title/);
    expect(refusal(catalog({ controls: [{ id: '1 bad', title: 't' }] })).problems[0].path).toBe('$.catalog.controls[0].id');
    expect(refusal(catalog({})).problems[0]).toEqual({ path: '$.catalog', message: expect.stringContaining('no groups or controls') });
    expect(refusal(catalog({ controls: [control('c-1', { title: 'a\u0000b' })] })).problems[0].path).toBe('$.catalog.controls[0].title');
  });
});
