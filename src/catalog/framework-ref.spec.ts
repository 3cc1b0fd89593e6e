import { BadUserInputError, ErrorCode, NotFoundError } from '../common/errors/domain-error';
import { compareVersions, findFrameworkVersion, parseFrameworkRef, resolveFrameworkVersion } from './framework-ref';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parseFrameworkRef', () => {
  it.each([
    ['ISO27001', { code: 'ISO27001', version: undefined }],
    ['ISO27001:2022', { code: 'ISO27001', version: '2022' }],
    ['NIST-AI-RMF:1.0', { code: 'NIST-AI-RMF', version: '1.0' }],
    ['SOC2:2017-rev.2', { code: 'SOC2', version: '2017-rev.2' }],
  ])('accepts %s', (value, expected) => {
    expect(parseFrameworkRef(value, 'framework')).toEqual(expected);
  });

  it.each([
    ['lower case', 'iso27001'],
    ['a space inside', 'ISO 27001'],
    ['only spaces', '   '],
    ['an empty string', ''],
    ['a version without a code', ':2022'],
    ['a code with an empty version', 'ISO27001:'],
    ['a trailing hyphen', 'NIST-'],
    ['a code starting with a digit', '27001'],
    ['an over-long version', `ISO27001:${'1'.repeat(41)}`],
    ['over-long input', 'A'.repeat(91)],
  ])('rejects %s with BAD_USER_INPUT naming the field', (_case, value) => {
    const error = thrown(() => parseFrameworkRef(value, 'source'));
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'source' });
    expect((error as Error).message).toBe(
      `source: "${value.slice(0, 90)}" is not a framework reference; write CODE or CODE:VERSION, e.g. ISO27001 or ISO27001:2022`,
    );
  });

  it('accepts input of exactly 90 characters', () => {
    const code = `A${'B'.repeat(89)}`;
    expect(parseFrameworkRef(code, 'framework')).toEqual({ code, version: undefined });
  });
});

describe('compareVersions', () => {
  it.each([
    ['2025', '2019', 1],
    ['1.10', '1.9', 1],
    ['1.0', '1.0', 0],
    ['2', '10', -1],
  ])('compares %s with %s as %i', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});

const CATALOG = [
  { code: 'ISO27001', version: '2013' },
  { code: 'ISO27001', version: '2022' },
  { code: 'ISO27001', version: '2005' },
  { code: 'NIST-AI-RMF', version: '1.9' },
  { code: 'NIST-AI-RMF', version: '1.10' },
  { code: 'NIST-AI-RMF', version: '1.2' },
];

describe('findFrameworkVersion', () => {
  it.each([
    ['ISO27001', 1],
    ['ISO27001:2005', 2],
    ['NIST-AI-RMF', 4],
    ['NIST-AI-RMF:1.9', 3],
  ])('resolves %s', (ref, index) => {
    expect(findFrameworkVersion(CATALOG, ref, 'framework')).toBe(CATALOG[index]);
  });

  it('picks "2025" over "2019" whatever the order', () => {
    const frameworks = [{ code: 'X', version: '2025' }, { code: 'X', version: '2019' }];
    expect(findFrameworkVersion(frameworks, 'X', 'framework')?.version).toBe('2025');
    expect(findFrameworkVersion([...frameworks].reverse(), 'X', 'framework')?.version).toBe('2025');
  });

  it('does not reorder the list it is given', () => {
    const frameworks = [...CATALOG];
    findFrameworkVersion(frameworks, 'ISO27001', 'framework');
    expect(frameworks).toEqual(CATALOG);
  });

  it.each(['SOC2', 'ISO27001:1999', 'ISO27001:2022-draft'])('returns null for unknown %s', (ref) => {
    expect(findFrameworkVersion(CATALOG, ref, 'framework')).toBeNull();
  });

  it('rejects a malformed reference rather than returning null', () => {
    expect(() => findFrameworkVersion(CATALOG, 'iso27001', 'framework')).toThrow(BadUserInputError);
  });
});

describe('resolveFrameworkVersion', () => {
  it('returns the framework a reference names', () => {
    expect(resolveFrameworkVersion(CATALOG, 'NIST-AI-RMF', 'target')).toBe(CATALOG[4]);
  });

  it('throws NOT_FOUND naming the field and every known version', () => {
    const error = thrown(() => resolveFrameworkVersion(CATALOG.slice(0, 2), 'ISO27001:1999', 'target'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: ErrorCode.NOT_FOUND, field: 'target' });
    expect((error as Error).message).toBe('target: no framework "ISO27001:1999" in the catalog; known: ISO27001:2013, ISO27001:2022');
  });

  it('says when the catalog is empty', () => {
    expect(() => resolveFrameworkVersion([], 'ISO27001', 'framework')).toThrow(
      new NotFoundError('framework', 'no framework "ISO27001" in the catalog; known: none (is the catalog loaded?)'),
    );
  });
});
