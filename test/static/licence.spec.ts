/**
 * The licence terms are stated where users and tools look: LICENSE (Apache-2.0, verbatim, so tools recognise it),
 * package.json's SPDX expression, the data terms in mappings/, every mapping set's own licence field, and the README.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

it('licenses the code under Apache-2.0 and the mapping data under CC BY 4.0, in package.json as SPDX', () => {
  const licence = fs.readFileSync('LICENSE', 'utf8');
  expect(licence).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  expect(licence).toContain('END OF TERMS AND CONDITIONS');
  expect(JSON.parse(fs.readFileSync('package.json', 'utf8')).license).toBe('Apache-2.0 AND CC-BY-4.0');
  const data = fs.readFileSync('mappings/LICENSE.md', 'utf8');
  expect(data).toContain('Creative Commons Attribution 4.0 International');
  expect(data).toMatch(/never their requirement text/);
  expect(fs.readFileSync('NOTICE', 'utf8')).toMatch(/Apache License, Version 2\.0[\s\S]*CC BY 4\.0/);
});

it('says so in the README, and every mapping set carries the same data licence', () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  expect(readme).toContain('[Apache License 2.0](LICENSE)');
  expect(readme).toContain('[CC BY 4.0](mappings/LICENSE.md)');
  for (const file of fs.readdirSync('mappings/crosswalks')) {
    const set = parse(fs.readFileSync(path.join('mappings/crosswalks', file), 'utf8'));
    expect([file, set.provenance.licence]).toEqual([file, expect.stringMatching(/^CC BY 4\.0 \(the mapping judgements\)/)]);
  }
});
