/**
 * Issue 14, part 2, over HTTP on the shipped catalog: ISO 27001 certified on 2025-03-01 and ISO 42001 with Stage 2
 * planned for 2026-06-15, as one integrated management system: the ISO/IEC 17021-1 dates, one combined audit a year
 * once both are certified, the alignment proposal, each surveillance's topics and Annex A samples (every applicable
 * control once per cycle, gaps and recent changes first, shared controls sampled once); a declared management system
 * combines as `integrated` does; bad input is refused naming the field; another organization's data never shows.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { startTestServer, type TestServer } from '../support/server';
import { download, readWorkbook } from '../support/spreadsheets';
import ICAL from 'ical.js';

let t: TestServer;
let admin: string;
let auditor: string;
let other: string;
let organizationId: string;

const PLAN = `query($c: [CertificationInput!]!, $i: Boolean) { certificationPlan(certifications: $c, integrated: $i) { audits {
  kind dueBy frameworks { code } parts { framework { code } kind }
  alignments { framework { code } ownRecertificationDueBy proposal }
  scope { note topics { topic hsClauses requirements { refId framework { code } } }
          sampledControls { requirement { refId framework { code } } alsoCovers { refId framework { code } } reasons }
          fullEvaluation { code } } } } }`;
const INPUT = [
  { framework: 'ISO27001', certificationDate: '2025-03-01' },
  { framework: 'ISO42001', stage2Date: '2026-06-15' },
];

async function plan(certifications: unknown, integrated: boolean | null, key = admin) {
  return (await t.ok(PLAN, { c: certifications, i: integrated }, key)).certificationPlan.audits as any[];
}
const summary = (audits: any[]) => audits.map((a) => `${a.dueBy} ${a.kind} ${a.parts.map((p: any) => `${p.framework.code}:${p.kind}`).join(' ')}`);
const ref = (r: any) => `${r.framework.code} ${r.refId}`;

beforeAll(async () => {
  t = await startTestServer();
  ({ adminKey: admin, organizationId } = await t.createOrganization('Planner Ltd'));
  other = (await t.createOrganization('Other Org')).adminKey;
  auditor = (await t.ok(`mutation { createApiKey(role: AUDITOR, name: "auditor") { secret } }`, {}, admin)).createApiKey.secret;
  // A.5.1 is FULL (no gap); A.5.2 is linked only PARTIAL; A.5.3 is excluded from the SoA.
  const c = (await t.ok(`mutation { createControl(input: { code: "POL-01", title: "Policies", status: IMPLEMENTED }) { id } }`, {}, admin)).createControl.id;
  await t.ok(`mutation($c: ID!) { a: linkControl(controlId: $c, framework: "ISO27001", refId: "A.5.1") { coverage }
    b: linkControl(controlId: $c, framework: "ISO27001", refId: "A.5.2", coverage: PARTIAL) { coverage } }`, { c }, admin);
  await t.ok(`mutation { setApplicability(framework: "ISO27001", refId: "A.5.3", applicable: false, justification: "one person runs it all") { applicable } }`, {}, admin);
});
afterAll(() => t?.close());

describe('ISO27001 certified 2025-03-01, ISO42001 Stage 2 on 2026-06-15, integrated', () => {
  let audits: any[];
  beforeAll(async () => {
    audits = await plan(INPUT, true, auditor);
  });

  it('gives the 17021-1 dates, combined into one audit a year once both standards are certified', () => {
    expect(summary(audits)).toEqual([
      '2026-03-01 SURVEILLANCE_1 ISO27001:SURVEILLANCE_1 ISO42001:STAGE_1',
      '2026-06-15 STAGE_2 ISO42001:STAGE_2',
      '2027-07-15 SURVEILLANCE_2 ISO27001:SURVEILLANCE_2 ISO42001:SURVEILLANCE_1',
      '2028-02-29 RECERTIFICATION ISO27001:RECERTIFICATION ISO42001:SURVEILLANCE_2',
      '2029-07-14 RECERTIFICATION ISO42001:RECERTIFICATION',
    ]);
    const years = audits.filter((a) => a.frameworks.length === 2).map((a) => a.dueBy.slice(0, 4));
    expect(years).toEqual(['2026', '2027', '2028']);
  });

  it('proposes aligning ISO42001 at the ISO27001 recertification, nowhere else', () => {
    const withProposal = audits.filter((a) => a.alignments.length > 0);
    expect(withProposal.map((a) => a.dueBy)).toEqual(['2028-02-29']);
    expect(withProposal[0].alignments).toEqual([
      { framework: { code: 'ISO42001' }, ownRecertificationDueBy: '2029-07-14', proposal: expect.stringContaining('Recertify ISO42001:2023') },
    ]);
  });

  it('every surveillance covers the 9.6.2.2 topics on the standards\' own clauses', () => {
    const first = audits[0];
    expect(first.scope.topics.map((x: any) => x.topic)).toEqual([
      'INTERNAL_AUDIT_AND_MANAGEMENT_REVIEW', 'ACTIONS_ON_NONCONFORMITIES', 'COMPLAINTS', 'EFFECTIVENESS_AGAINST_OBJECTIVES',
      'CONTINUAL_IMPROVEMENT', 'OPERATIONAL_CONTROL', 'CHANGES', 'USE_OF_MARKS',
    ]);
    // Only ISO27001 is under surveillance in March 2026; ISO42001 has its Stage 1 there.
    expect(first.scope.topics[0].requirements.map(ref)).toEqual(['ISO27001 9.2', 'ISO27001 9.3']);
    const both = audits[2].scope.topics.find((x: any) => x.topic === 'ACTIONS_ON_NONCONFORMITIES');
    expect(both.requirements.map(ref)).toEqual(['ISO27001 10.2', 'ISO42001 10.2']);
    expect(audits[2].scope.topics.find((x: any) => x.topic === 'USE_OF_MARKS').requirements).toEqual([]);
    expect(audits[1].scope.topics).toEqual([]);
    expect(audits[1].scope.fullEvaluation).toEqual([{ code: 'ISO42001' }]);
  });

  it('samples every applicable Annex A control once per cycle, gaps first, and shared ones once for both standards', () => {
    const samples = audits.flatMap((a) => a.scope.sampledControls.map((s: any) => ({ ...s, dueBy: a.dueBy })));
    const iso27001 = samples.filter((s) => s.dueBy <= '2028-02-29').flatMap((s) => [s.requirement, ...s.alsoCovers]).filter((r) => r.framework.code === 'ISO27001').map(ref);
    // 93 controls, less the excluded A.5.3, each once.
    expect(new Set(iso27001).size).toBe(92);
    expect(iso27001).toHaveLength(92);
    expect(iso27001).not.toContain('ISO27001 A.5.3');
    const iso42001 = samples.flatMap((s) => [s.requirement, ...s.alsoCovers]).filter((r) => r.framework.code === 'ISO42001').map(ref);
    expect(new Set(iso42001).size).toBe(iso42001.length);
    expect(iso42001.length).toBeGreaterThan(30);
    // A.5.1 is FULL: no gap. A.5.2 is PARTIAL: a gap, so sampled at the first surveillance.
    const a51 = samples.find((s) => ref(s.requirement) === 'ISO27001 A.5.1');
    const a52 = samples.find((s) => ref(s.requirement) === 'ISO27001 A.5.2' || s.alsoCovers.some((r: any) => ref(r) === 'ISO27001 A.5.2'));
    expect(a52.dueBy).toBe('2026-03-01');
    expect(a52.reasons).toContain('GAP');
    expect(a51?.reasons ?? []).not.toContain('GAP');
    // The shipped crosswalks relate no Annex A control of ISO27001 to one of ISO42001 by EQUAL or SUBSET_OF (only
    // INTERSECTS_WITH), so nothing is shared here: each standard's controls are sampled apart (spread-samples.spec.ts
    // shows a shared item placed once).
    expect(samples.filter((s) => s.alsoCovers.length > 0)).toEqual([]);
  });

  it('recent changes come first: the controls linked this year are marked', () => {
    const samples = audits.flatMap((a) => a.scope.sampledControls);
    const a51 = samples.find((s: any) => [s.requirement, ...s.alsoCovers].some((r: any) => ref(r) === 'ISO27001 A.5.1'));
    expect(a51.reasons).toContain('RECENT_CHANGE');
  });
});

describe('without integration', () => {
  it('separate systems: no audit is combined and no control is shared', async () => {
    const audits = await plan(INPUT, false);
    expect(audits.every((a) => a.frameworks.length === 1)).toBe(true);
    expect(audits.map((a) => a.dueBy)).toEqual(['2026-03-01', '2026-05-04', '2026-06-15', '2027-07-15', '2027-12-31', '2028-02-29', '2028-12-31', '2029-07-14']);
    const samples = audits.flatMap((a) => a.scope.sampledControls);
    expect(samples.every((s: any) => s.alsoCovers.length === 0)).toBe(true);
    expect(samples.filter((s: any) => ref(s.requirement) === 'ISO42001 A.10.2')).toHaveLength(1);
  });

  it('a declared management system for both combines them as integrated does', async () => {
    await t.ok(`mutation { setManagementSystem(name: "IMS", frameworks: ["ISO27001", "ISO42001"]) { id } }`, {}, admin);
    expect(summary(await plan(INPUT, null))).toEqual(summary(await plan(INPUT, true)));
    // Another organization's declaration does not reach this one.
    expect((await plan(INPUT, null, other)).every((a) => a.frameworks.length === 1)).toBe(true);
  });
});

describe('bad input is BAD_USER_INPUT naming the field', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['an unknown framework', [{ framework: 'ISO99999', certificationDate: '2025-03-01' }], /^certifications\[0\]\.framework: /],
    ['a framework not certified under 17021-1', [{ framework: 'SOC2', certificationDate: '2025-03-01' }], /^certifications\[0\]\.framework: SOC2:2017 is not certified/],
    ['a framework twice', [...INPUT, { framework: 'ISO27001:2022', stage2Date: '2026-01-10' }], /^certifications\[2\]\.framework: names ISO27001:2022 again/],
    ['both dates', [{ framework: 'ISO27001', certificationDate: '2025-03-01', stage2Date: '2025-01-01' }], /^certifications\[0\]: give exactly one/],
    ['no date', [{ framework: 'ISO27001' }], /^certifications\[0\]: give exactly one/],
    ['an impossible date', [INPUT[0], { framework: 'ISO42001', stage2Date: '2026-02-30' }], /^certifications\[1\]\.stage2Date: must be a real calendar date/],
    ['no standard', [], /certifications.*at least one/],
  ];
  it.each(cases)('%s', async (_name, certifications, message) => {
    const res = await t.gql(PLAN, { c: certifications, i: true }, admin);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(message);
    expect(res.data ?? null).toBeNull();
  });

  it('needs a key', async () => {
    const res = await t.gql(PLAN, { c: INPUT, i: true });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

/**
 * RFC 5545 read back by ical.js (Mozilla's iCalendar library, as calendar clients use): the calendar, then each
 * VEVENT's all-day dates (as YYYYMMDD), summary, description and UID. ical.js throws on what it cannot parse.
 */
function parseIcs(text: string): Array<Record<string, string>> {
  expect(text.endsWith('\r\n')).toBe(true);
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    expect([event.startDate.isDate, event.endDate.isDate]).toEqual([true, true]);
    const day = (time: ICAL.Time) => time.toString().replace(/-/g, '');
    return { 'DTSTART;VALUE=DATE': day(event.startDate), 'DTEND;VALUE=DATE': day(event.endDate), SUMMARY: event.summary, DESCRIPTION: event.description, UID: event.uid };
  });
}

describe('GET /export/certification-plan.ics and .xlsx', () => {
  const query = 'certification=ISO27001:2025-03-01&stage2=ISO42001:2026-06-15&integrated=true';
  let audits: any[];
  beforeAll(async () => {
    audits = await plan(INPUT, true);
  });

  it('the calendar has one all-day event per audit on its due date, with stable UIDs', async () => {
    const res = await download(`${t.url}/export/certification-plan.ics?${query}`, auditor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/filename="certification-plan_.*\.ics"/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const text = res.body.toString('utf8');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const events = parseIcs(text);
    expect(events.map((e) => e['DTSTART;VALUE=DATE'])).toEqual(audits.map((a) => a.dueBy.replace(/-/g, '')));
    expect(events[0].SUMMARY).toBe('SURVEILLANCE 1 due — ISO27001:2022 + ISO42001:2023');
    expect(events[3]['DTEND;VALUE=DATE']).toBe('20280301');
    expect(events[3].DESCRIPTION).toContain('Recertify ISO42001:2023 at this audit');
    expect(new Set(events.map((e) => e.UID)).size).toBe(events.length);
    const again = parseIcs((await download(`${t.url}/export/certification-plan.ics?${query}`, auditor)).body.toString('utf8'));
    expect(again.map((e) => e.UID)).toEqual(events.map((e) => e.UID));
  });

  it('the workbook has the plan and one sheet per audit', async () => {
    const res = await download(`${t.url}/export/certification-plan.xlsx?${query}`, auditor);
    expect(res.status).toBe(200);
    const wb = await readWorkbook(res.body);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(['Read me', 'Plan', ...audits.map((a, i) => `${i + 1} ${a.dueBy} ${a.kind}`)]);
    const sheet = wb.getWorksheet(names[2])!;
    const cells: string[] = [];
    sheet.eachRow((row) => cells.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')).join(' | ')));
    expect(cells.some((c) => c.startsWith('Part | ISO27001:2022 |') && c.endsWith('SURVEILLANCE_1'))).toBe(true);
    expect(cells.some((c) => c.startsWith('Topic | ISO27001:2022 | 9.2 |'))).toBe(true);
    const sampled = audits[0].scope.sampledControls.length;
    expect(cells.filter((c) => c.startsWith('Sampled control |'))).toHaveLength(sampled);
  });

  it('repeats of a parameter add standards; bad ones are 400s naming the parameter', async () => {
    const repeated = await download(`${t.url}/export/certification-plan.ics?certification=ISO27001:2025-03-01&certification=ISO9001:2025-06-01`, admin);
    expect(repeated.status).toBe(200);
    expect(parseIcs(repeated.body.toString('utf8'))).toHaveLength(6);
    const cases: Array<[string, RegExp]> = [
      ['stage2=ISO42001:2026-02-30', /^stage2\[0\]: must be a real calendar date/],
      ['certification=ISO27001', /^certification: each must be STANDARD:YYYY-MM-DD/],
      ['certification=SOC2:2025-03-01', /^certification\[0\]: SOC2:2017 is not certified/],
      ['certification=ISO27001:2025-03-01&stage2=ISO27001:2026-01-01', /^stage2\[0\]: names ISO27001:2022 again \(as certification\[0\] did\)/],
      ['integrated=yes&certification=ISO27001:2025-03-01', /^integrated: must be true or false/],
      ['', /^certification: give at least one/],
    ];
    for (const [q, message] of cases) {
      const res = await download(`${t.url}/export/certification-plan.ics?${q}`, admin);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body.toString('utf8')).errors[0].message).toMatch(message);
    }
    expect((await download(`${t.url}/export/soa.ics?framework=ISO27001`, admin)).status).toBe(404);
    expect((await download(`${t.url}/export/certification-plan.ics?${query}`)).status).toBe(401);
  });

  it('npm run export -- certification-plan writes the workbook GET /export serves (comma-separated on the command line)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-plan-'));
    try {
      const cli = await runCli('exports/cli/export.js', ['certification-plan', '--org', organizationId, '--certification', 'ISO27001:2025-03-01', '--stage2', 'ISO42001:2026-06-15', '--integrated', 'true', '--out', 'plan.xlsx'], {
        cwd: dir,
        databaseUrl: t.server.databaseUrl,
      });
      expect(cli.stderr).toMatch(/wrote plan\.xlsx/);
      expect(cli.status).toBe(0);
      const wb = await readWorkbook(fs.readFileSync(path.join(dir, 'plan.xlsx')));
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Read me', 'Plan', ...audits.map((a, i) => `${i + 1} ${a.dueBy} ${a.kind}`)]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('controls shared through a containment crosswalk (test/fixtures/certification)', () => {
  let f: TestServer;
  let key: string;
  beforeAll(async () => {
    f = await startTestServer({ mappings: 'test/fixtures/certification' });
    key = (await f.createOrganization('Fixture Ltd')).adminKey;
  });
  afterAll(() => f?.close());

  const samples = async (integrated: boolean) => {
    const data = await f.ok(PLAN, { c: [{ framework: 'MSA', certificationDate: '2025-03-01' }, { framework: 'MSB', certificationDate: '2025-05-01' }], i: integrated }, key);
    return (data.certificationPlan.audits as any[]).flatMap((a) => a.scope.sampledControls.map((s: any) => `${a.dueBy} ${ref(s.requirement)}${s.alsoCovers.map((r: any) => ` + ${ref(r)}`).join('')}`));
  };

  // The organization has no controls, so every control is a gap and comes at the first surveillance that can take it.
  it('integrated: MSB A.1, part of MSA A.1, is sampled once with it, at an audit where both are under surveillance', async () => {
    expect(await samples(true)).toEqual(['2026-03-01 MSA A.1 + MSB A.1', '2026-03-01 MSA A.2', '2026-03-01 MSB A.2']);
  });

  it('apart: each standard samples its own', async () => {
    expect(await samples(false)).toEqual(['2026-03-01 MSA A.1', '2026-03-01 MSA A.2', '2026-05-01 MSB A.1', '2026-05-01 MSB A.2']);
  });
});
