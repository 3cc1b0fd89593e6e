/** `npm run mappings:check` as a user runs it: statistics on success, precise errors and a non-zero exit on failure. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

function check(...args: string[]) {
  return spawnSync(process.execPath, ['dist/src/mappings/cli/check.js', ...args], { encoding: 'utf8' });
}

it('passes on the shipped mappings, printing per-set statistics and the quality bars', () => {
  const run = check();
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/NIST-AI-RMF:1\.0\s+95 requirements,\s+72 assessable/);
  expect(run.stdout).toMatch(/mapping set\s+rows\s+EQ\s+SUB\s+SUP\s+INT\s+NR\s+source touched\s+target touched/);
  // Each set's line in the table says what --json says about it.
  const report = JSON.parse(check('--json').stdout);
  expect(report.stats.length).toBeGreaterThanOrEqual(15);
  for (const s of report.stats) {
    const r = s.relationships;
    const line = [s.key, s.rows, r.EQUAL, r.SUBSET_OF, r.SUPERSET_OF, r.INTERSECTS_WITH, r.NOT_RELATED, `${s.sourceTouched}/${s.sourceAssessable}`, `${s.targetTouched}/${s.targetAssessable}`];
    expect(run.stdout).toMatch(new RegExp(`^${line.map((v) => String(v).replace(/[.]/g, '\\.')).join('\\s+')}$`, 'm'));
  }
  expect(run.stdout).toMatch(/quality bars \(mappings\/quality\.yaml\):/);
  expect(run.stdout).toMatch(/coverage SOC2:2017\s+\d+ related \+\s+\d+ excused \/\s+61 assessable = 100\.0% \(bar 100%\)/);
  expect(run.stdout).toMatch(/ok: every file is valid/);
});

it('--json gives the same statistics to machines, with the quality report', () => {
  const run = check('--json');
  expect(run.status).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(report.errors).toEqual([]);
  // The share of containment edges is a statistic, with no bar (issue 9): typing follows the evidence, not a quota.
  expect(report.quality.strongShare).toBeGreaterThan(0);
  expect(report.quality.strongShare).toBeLessThan(1);
  expect(report.quality.warnings).toBeUndefined();
  expect(report.stats).toContainEqual(expect.objectContaining({ key: 'iso27001-2022__iso42001-2023', source: 'ISO27001:2022', target: 'ISO42001:2023' }));
});

describe('on broken files', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-check-'));
    fs.cpSync('mappings', dir, { recursive: true });
    const crosswalk = path.join(dir, 'crosswalks/iso27001-2022__iso42001-2023.yaml');
    fs.writeFileSync(
      crosswalk,
      fs.readFileSync(crosswalk, 'utf8').replace('target: "4.3"', 'target: "4.33"').replace(/strength: 5\n/, 'strength: 10\n'),
    );
    // A containment claim without its evidence.
    const nist = path.join(dir, 'crosswalks/iso27001-2022__nist-ai-rmf-1.0.yaml');
    fs.writeFileSync(nist, fs.readFileSync(nist, 'utf8').replace(/relationship: INTERSECTS_WITH\n(\s+rationale: \w+\n\s+strength: )[4-9]\n/, 'relationship: SUBSET_OF\n$17\n'));
    const framework = path.join(dir, 'frameworks/nist-ai-rmf-1.0.yaml');
    fs.writeFileSync(framework, fs.readFileSync(framework, 'utf8').replace('parent: "GOVERN 1"\n', 'parent: "GOVERN 9"\n'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names file, line, path and value of every problem, and exits 1', () => {
    const run = check('--dir', dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^4 errors:/m);
    expect(run.stderr).toMatch(/crosswalks\/iso27001-2022__nist-ai-rmf-1\.0\.yaml:\d+: \/edges\/\d+: SUBSET_OF edge .+ → .+ needs evidence: list each demand of the contained requirement/);
    expect(run.stderr).toMatch(/frameworks\/nist-ai-rmf-1\.0\.yaml:\d+: \/requirements\/\d+\/parent: parent is not a requirement id in this file \(found: "GOVERN 9"\)/);
    expect(run.stderr).toMatch(/crosswalks\/iso27001-2022__iso42001-2023\.yaml:\d+: \/edges\/\d+\/target: no requirement with this id in ISO42001:2023 \(found: "4\.33"\)/);
    expect(run.stderr).toMatch(/\/edges\/\d+\/strength: INTERSECTS_WITH edges take strength 1 to 9 \(NIST IR 8278A\) \(found: 10\)/);
  });

  it('rejects unknown options with usage and exit 2, and explains itself with --help', () => {
    const bad = check('--nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--nope'/);
    const help = check('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run mappings:check/);
  });
});
