import { oscalFixture } from './oscal-test-support.fixture';
import { readOscalCatalog } from './read-oscal-catalog';
import { validateOscal } from './validate-oscal';
import { licenceAllowsText, type OscalCatalogRequirementInput, writeOscalCatalog } from './write-oscal-catalog';

const ISO = { code: 'ISO27001', version: '2022', name: 'ISO/IEC 27001:2022', publisher: 'ISO/IEC', licence: 'ISO/IEC copyright — identifiers and titles only; load licensed requirement text through the import API.' };
const OPTIONS = { lastModified: '2026-12-06T00:00:00Z' };
let position = 0;
const r = (refId: string, parentRefId: string | null, assessable: boolean, kind = assessable ? 'control' : 'clause', text: string | null = null): OscalCatalogRequirementInput => ({
  refId,
  parentRefId,
  title: `Title of ${refId}`,
  text,
  kind,
  assessable,
  position: position++,
});
const REQUIREMENTS = [
  r('6', null, false),
  r('6.1', '6', false),
  r('6.1.1', '6.1', true, 'clause', 'Licensed text 6.1.1'),
  r('6.2', '6', true, 'clause'),
  r('A', null, false, 'annex'),
  r('A.5', 'A', false, 'theme'),
  r('A.5.1', 'A.5', true, 'control', 'Licensed text A.5.1'),
  r('9.2.1', '9.2', true), // a parent that is not there: written at the top
];

describe('writeOscalCatalog', () => {
  const doc = writeOscalCatalog(ISO, REQUIREMENTS, { ...OPTIONS, includeText: false });

  it('writes a catalog that validates against the catalog schema', () => {
    expect(validateOscal('catalog', doc)).toEqual({ ok: true, problems: [] });
  });

  it('writes headings as groups where OSCAL allows, else as non-assessable controls, and ids as tokens', () => {
    const six = doc.catalog.groups![0];
    expect(six).toMatchObject({ id: 'iso27001-6', title: 'Title of 6' });
    // 6 holds a heading (6.1) and a control (6.2): a group holds groups or controls, so 6.1 is written as a control.
    expect(six.groups).toBeUndefined();
    expect(six.controls!.map((c) => c.id)).toEqual(['iso27001-6.1', 'iso27001-6.2']);
    expect(six.controls![0].props).toContainEqual(expect.objectContaining({ name: 'assessable', value: 'false' }));
    expect(doc.catalog.groups![1].groups![0].controls![0]).toMatchObject({ id: 'a.5.1', props: expect.arrayContaining([{ name: 'label', value: 'A.5.1' }]) });
  });

  it('writes identifiers and titles only without includeText, and the text with it', () => {
    expect(JSON.stringify(doc)).not.toContain('Licensed text');
    expect(doc.catalog.metadata.remarks).toContain('identifiers and titles only');
    const withText = writeOscalCatalog(ISO, REQUIREMENTS, { ...OPTIONS, includeText: true });
    expect(validateOscal('catalog', withText).ok).toBe(true);
    expect(JSON.stringify(withText)).toContain('Licensed text A.5.1');
  });

  it('reads back as the same requirements (refId, parent, kind, assessable, text)', () => {
    const withText = writeOscalCatalog(ISO, REQUIREMENTS, { ...OPTIONS, includeText: true });
    const read = readOscalCatalog(withText).requirements;
    const pick = (x: { refId: string; parentRefId: string | null; kind: string; assessable: boolean; text?: string | null }) => [x.refId, x.parentRefId, x.kind, x.assessable, x.text ?? null];
    const expected = REQUIREMENTS.map((x) => pick({ ...x, parentRefId: x.refId === '9.2.1' ? null : x.parentRefId }));
    expect(new Set(read.map(pick).map((x) => JSON.stringify(x)))).toEqual(new Set(expected.map((x) => JSON.stringify(x))));
  });

  it('writes the SP 800-53 catalog it read, with its OSCAL ids, and reads it back to the same tree', () => {
    const read = readOscalCatalog(oscalFixture('NIST_SP-800-53_rev5_catalog.2021-06-08.json'));
    const fw = { code: 'SP800-53', version: read.version, name: read.title, licence: 'Public domain (17 U.S.C. 105)' };
    const written = writeOscalCatalog(fw, read.requirements, { ...OPTIONS, includeText: licenceAllowsText(fw.licence) });
    expect(validateOscal('catalog', written).ok).toBe(true);
    const again = readOscalCatalog(written).requirements;
    const shape = (x: (typeof again)[number]) => [x.refId, x.oscalId, x.parentRefId, x.kind, x.assessable, x.withdrawn];
    expect(again.map(shape)).toEqual(read.requirements.map(shape));
    expect(again.find((x) => x.refId === 'AC-1')!.text).toBe(read.requirements.find((x) => x.refId === 'AC-1')!.text);
  });

  it('writes guidance and assessment objectives as parts with the text, validated, and reads them back; never without includeText', () => {
    const control = { ...r('AC-1', null, true, 'control', 'Policy statement.'), oscalId: 'ac-1', guidance: 'Guidance words.', objectives: 'Objective words.' };
    const withText = writeOscalCatalog(ISO, [control], { ...OPTIONS, includeText: true });
    expect(validateOscal('catalog', withText)).toEqual({ ok: true, problems: [] });
    expect(withText.catalog.controls![0].parts!.map((p) => p.name)).toEqual(['statement', 'guidance', 'assessment-objective']);
    const [back] = readOscalCatalog(withText).requirements;
    expect(back).toMatchObject({ refId: 'AC-1', oscalId: 'ac-1', guidance: 'Guidance words.', objectives: 'Objective words.' });
    const idsOnly = writeOscalCatalog(ISO, [control], { ...OPTIONS, includeText: false });
    expect(validateOscal('catalog', idsOnly).ok).toBe(true);
    expect(JSON.stringify(idsOnly)).not.toMatch(/words|Policy statement/);
  });

  it('licenceAllowsText follows the licence notes', () => {
    expect(licenceAllowsText(ISO.licence)).toBe(false);
    expect(licenceAllowsText('AICPA copyright — identifiers and our own short labels only; load the licensed criteria text through the import API.')).toBe(false);
    expect(licenceAllowsText('Public domain: a work of the US Government (17 U.S.C. 105). Full text shipped.')).toBe(true);
  });
});
