import { parseIntegerList } from './integer-list';

it('parses comma-separated integers into an array of the count given', () => {
  expect([...parseIntegerList('7,0,42,4294967297', 4, 'x')]).toEqual([7, 0, 42, 4294967297]);
  expect([...parseIntegerList('5', 1, 'x')]).toEqual([5]);
  expect([...parseIntegerList('', 0, 'x')]).toEqual([]);
});

it.each([
  ['1,2', 3],
  ['1,2,', 2],
  ['1,2,3', 2],
  ['1,,3', 3],
  ['1,2,', 3],
  [',1', 2],
  ['', 1],
  ['1', 0],
])('refuses %j as %i integers', (text, count) => {
  expect(() => parseIntegerList(text, count, 'links')).toThrow('integer list links: expected');
});

it('refuses anything but digits and commas', () => {
  expect(() => parseIntegerList('1,-2', 2, 'links')).toThrow('integer list links: unexpected character "-" at 2');
  expect(() => parseIntegerList('{1,2}', 2, 'links')).toThrow('unexpected character "{" at 0');
});
