import { tinyLinkCatalog as catalog } from './import-test-catalog.fixture';
import { parseLinkSpec, whatExists } from './link-spec';

describe('parseLinkSpec', () => {
  it('reads FRAMEWORK:refId as FULL, on the newest version', () => {
    expect(parseLinkSpec('ISO:A.5.15', catalog)).toEqual({ ok: true, requirementId: 'iso-2022/A.5.15', framework: 'ISO:2022', refId: 'A.5.15', coverage: 'FULL' });
  });

  it('reads CODE:VERSION:refId when the catalog has that version, and the =PARTIAL / =full suffix in any case', () => {
    expect(parseLinkSpec('ISO:2013:A.9.1=PARTIAL', catalog)).toMatchObject({ ok: true, requirementId: 'iso-2013/A.9.1', coverage: 'PARTIAL' });
    expect(parseLinkSpec(' SOC:CC6.1 = full ', catalog)).toMatchObject({ ok: true, requirementId: 'soc-2017/CC6.1', coverage: 'FULL' });
    expect(parseLinkSpec('SOC:GOVERN 1.1=partial', catalog)).toMatchObject({ ok: true, refId: 'GOVERN 1.1', coverage: 'PARTIAL' });
  });

  it('refuses a bad coverage suffix, naming what is accepted', () => {
    const spec = parseLinkSpec('ISO:A.5.1=HALF', catalog);
    expect(spec).toEqual({ ok: false, reason: expect.stringMatching(/^the coverage after "=" must be FULL or PARTIAL, not "HALF"/) });
  });

  it('refuses an unknown framework, listing the codes it knows', () => {
    expect(parseLinkSpec('NOPE:A.5.1', catalog)).toEqual({ ok: false, reason: 'no framework "NOPE" in the catalog; known: ISO, SOC' });
  });

  it('refuses what is not a link at all', () => {
    for (const text of ['A.5.1', ':A.5.1', 'ISO:', 'iso:A.5.1', 'ISO:2022:']) expect(parseLinkSpec(text, catalog).ok).toBe(false);
  });

  it('refuses an unknown requirement, saying briefly what exists', () => {
    expect(parseLinkSpec('ISO:A.5.99', catalog)).toEqual({ ok: false, reason: 'ISO:2022 has no requirement "A.5.99"; under A.5 it has A.5.1, A.5.2, A.5.15' });
    expect(parseLinkSpec('ISO:2013:A.5.15', catalog)).toMatchObject({ ok: false, reason: expect.stringContaining('ISO:2013 has no requirement "A.5.15"') });
  });
});

describe('whatExists', () => {
  const refs = ['A.5.1', 'A.5.2', 'A.5.3', 'A.5.4', 'A.5.5', 'A.5.6', 'A.5.7', 'B.1'];
  it('points at the same refId in another case or spacing', () => {
    expect(whatExists(refs, 'a.5.1')).toBe('did you mean "A.5.1"? (refIds are matched exactly)');
  });
  it('lists the siblings, shortened when there are many', () => {
    expect(whatExists(refs, 'A.5.99')).toBe('under A.5 it has A.5.1, A.5.2, A.5.3 … A.5.7 (7)');
  });
  it('gives the range when nothing is near', () => {
    expect(whatExists(refs, 'Z9')).toBe('it has 8 requirements, from A.5.1 to B.1');
    expect(whatExists([], 'Z9')).toBe('it has no requirements');
  });
});
