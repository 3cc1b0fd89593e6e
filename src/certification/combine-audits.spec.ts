import { formatCalendarDate, parseCalendarDate } from './calendar-date';
import { certificationCycle } from './certification-cycle';
import { combineAudits, type CombinedAudit } from './combine-audits';

const d = (s: string) => parseCalendarDate(s)!;
const show = (audits: CombinedAudit[]) =>
  audits.map((a) => `${formatCalendarDate(a.dueBy)} ${a.kind} [${a.parts.map((p) => `${p.framework}:${p.kind}`).join(' ')}]${a.alignments.map((x) => ` align ${x.framework} (own ${formatCalendarDate(x.ownRecertificationDueBy)})`).join('')}`);

const iso27001 = certificationCycle({ framework: '27001', certificationDate: d('2025-03-01') });
const iso42001 = certificationCycle({ framework: '42001', stage2Date: d('2026-06-15') });

describe('combineAudits', () => {
  it('separate systems: every audit alone, in due order', () => {
    expect(show(combineAudits([iso27001, iso42001], []))).toEqual([
      '2026-03-01 SURVEILLANCE_1 [27001:SURVEILLANCE_1]',
      '2026-05-04 STAGE_1 [42001:STAGE_1]',
      '2026-06-15 STAGE_2 [42001:STAGE_2]',
      '2027-07-15 SURVEILLANCE_1 [42001:SURVEILLANCE_1]',
      '2027-12-31 SURVEILLANCE_2 [27001:SURVEILLANCE_2]',
      '2028-02-29 RECERTIFICATION [27001:RECERTIFICATION]',
      '2028-12-31 SURVEILLANCE_2 [42001:SURVEILLANCE_2]',
      '2029-07-14 RECERTIFICATION [42001:RECERTIFICATION]',
    ]);
  });

  it('one system: one audit a year where dates allow, the kind of the earliest-certified standard, the alignment proposal at its recertification', () => {
    expect(show(combineAudits([iso42001, iso27001], [['27001', '42001']]))).toEqual([
      // Stage 1 is pulled forward into the surveillance; Stage 2 keeps its planned date.
      '2026-03-01 SURVEILLANCE_1 [42001:STAGE_1 27001:SURVEILLANCE_1]',
      '2026-06-15 STAGE_2 [42001:STAGE_2]',
      '2027-07-15 SURVEILLANCE_2 [42001:SURVEILLANCE_1 27001:SURVEILLANCE_2]',
      '2028-02-29 RECERTIFICATION [42001:SURVEILLANCE_2 27001:RECERTIFICATION] align 42001 (own 2029-07-14)',
      '2029-07-14 RECERTIFICATION [42001:RECERTIFICATION]',
    ]);
  });

  it('two standards certified the same day share every audit and need no alignment', () => {
    const a = certificationCycle({ framework: 'A', certificationDate: d('2025-06-30') });
    const b = certificationCycle({ framework: 'B', certificationDate: d('2025-06-30') });
    expect(show(combineAudits([a, b], [['A', 'B']]))).toEqual([
      '2026-06-30 SURVEILLANCE_1 [A:SURVEILLANCE_1 B:SURVEILLANCE_1]',
      '2027-12-31 SURVEILLANCE_2 [A:SURVEILLANCE_2 B:SURVEILLANCE_2]',
      '2028-06-29 RECERTIFICATION [A:RECERTIFICATION B:RECERTIFICATION]',
    ]);
  });

  it('only standards of one system combine; the third stands alone', () => {
    const a = certificationCycle({ framework: 'A', certificationDate: d('2025-06-30') });
    const b = certificationCycle({ framework: 'B', certificationDate: d('2025-09-30') });
    const c = certificationCycle({ framework: 'C', certificationDate: d('2025-06-30') });
    const audits = combineAudits([a, b, c], [['A', 'B']]);
    expect(audits.filter((x) => x.frameworks.includes('C')).every((x) => x.frameworks.length === 1)).toBe(true);
    expect(show(audits.filter((x) => !x.frameworks.includes('C')))).toEqual([
      '2026-06-30 SURVEILLANCE_1 [A:SURVEILLANCE_1 B:SURVEILLANCE_1]',
      '2027-12-31 SURVEILLANCE_2 [A:SURVEILLANCE_2 B:SURVEILLANCE_2]',
      '2028-06-29 RECERTIFICATION [A:RECERTIFICATION B:RECERTIFICATION] align B (own 2028-09-29)',
    ]);
  });
});
