import { argumentPath, findUnstorableText, hasUnstorableText } from './clean-text';

it.each([
  ['a NUL', 'a\u0000b', true],
  ['a lone high surrogate', 'x\uD800', true],
  ['a lone low surrogate', '\uDC00y', true],
  ['an emoji (a proper pair)', 'ok 😀', false],
  ['RTL marks, zero-width joiners, combining accents', '\u200F\u200De\u0301', false],
])('%s is %s unstorable', (_name, text, expected) => {
  expect(hasUnstorableText(text)).toBe(expected);
});

it('finds the path of the first unstorable string in nested input, keys with dots included', () => {
  expect(findUnstorableText({ input: { code: 'ok', title: 'bad\u0000' } })).toEqual(['input', 'title']);
  expect(findUnstorableText({ 'a.b': ['fine', 'x\uD800'] })).toEqual(['a.b', 1]);
  expect(findUnstorableText({ input: { code: 'fine' } })).toBeUndefined();
  expect(argumentPath('', ['input', 'title'])).toBe('input.title');
  expect(argumentPath('frameworks', [2])).toBe('frameworks[2]');
});

it('walks objects shared by YAML aliases once, so an alias bomb cannot blow it up', () => {
  let node: unknown = 'leaf';
  for (let i = 0; i < 60; i += 1) node = [node, node, node, node];
  expect(findUnstorableText(node)).toBeUndefined();
});
