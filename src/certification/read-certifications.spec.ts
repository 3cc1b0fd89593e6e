import { BadUserInputError, NotFoundError } from '../common/errors/domain-error';
import type { Framework } from '../catalog/models/framework.model';
import { formatCalendarDate } from './calendar-date';
import { readCertifications } from './read-certifications';

const frameworks: Record<string, Partial<Framework>> = {
  ISO27001: { id: 'f1', code: 'ISO27001', version: '2022', kind: 'MANAGEMENT_SYSTEM_STANDARD' },
  ISO42001: { id: 'f2', code: 'ISO42001', version: '2023', kind: 'MANAGEMENT_SYSTEM_STANDARD' },
  SOC2: { id: 'f3', code: 'SOC2', version: '2017', kind: 'ATTESTATION_CRITERIA' },
};
const resolve = (ref: string, field: string) => {
  const f = frameworks[ref.split(':')[0]];
  if (!f) throw new NotFoundError(field, `no framework "${ref}"`);
  return f as Framework;
};
const refusal = (requests: Parameters<typeof readCertifications>[0]) => {
  try {
    readCertifications(requests, resolve);
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('readCertifications', () => {
  it('reads each standard with its one date', () => {
    const read = readCertifications([{ framework: 'ISO27001', certificationDate: '2025-03-01' }, { framework: 'ISO42001:2023', stage2Date: '2026-06-15', certificationDate: null }], resolve);
    expect(read.map((c) => [c.framework, c.certificationDate && formatCalendarDate(c.certificationDate), c.stage2Date && formatCalendarDate(c.stage2Date)])).toEqual([
      ['f1', '2025-03-01', undefined],
      ['f2', undefined, '2026-06-15'],
    ]);
  });

  it('refuses, naming the field: unknown, not certifiable, twice, both or no dates, impossible dates', () => {
    expect(refusal([{ framework: 'NOPE', certificationDate: '2025-03-01' }])).toMatch(/^certifications\[0\]\.framework: no framework/);
    expect(refusal([{ framework: 'SOC2', certificationDate: '2025-03-01' }])).toMatch(/^certifications\[0\]\.framework: SOC2:2017 is not certified/);
    expect(refusal([{ framework: 'ISO27001', certificationDate: '2025-03-01' }, { framework: 'ISO27001:2022', stage2Date: '2026-01-01' }])).toMatch(
      /^certifications\[1\]\.framework: names ISO27001:2022 again \(as certifications\[0\] did\)/,
    );
    expect(refusal([{ framework: 'ISO27001', certificationDate: '2025-03-01', stage2Date: '2025-01-01' }])).toMatch(/^certifications\[0\]: give exactly one/);
    expect(refusal([{ framework: 'ISO27001' }])).toMatch(/^certifications\[0\]: give exactly one/);
    expect(refusal([{ framework: 'ISO27001', certificationDate: '2025-02-29' }])).toMatch(/^certifications\[0\]\.certificationDate: must be a real calendar date/);
    expect(refusal([{ framework: 'ISO42001', stage2Date: '2026-6-15' }])).toMatch(/^certifications\[0\]\.stage2Date: must be a real calendar date/);
  });
});
