import { integerListLength, parseIntegerListInto } from './integer-list';

function parse(text: string): number[] {
  const out = new Float64Array(integerListLength(text));
  expect(parseIntegerListInto(text, out, 0, 'x')).toBe(out.length);
  return [...out];
}

it('reads comma-separated integers, large ones included, and none from an empty text', () => {
  expect(parse('7,0,42,4294967297')).toEqual([7, 0, 42, 4294967297]);
  expect(parse('5')).toEqual([5]);
  expect(parse('')).toEqual([]);
});

it('appends several lists into one array, each from where the last one ended', () => {
  const lists = ['1,2', '', '30'];
  const out = new Float64Array(lists.reduce((n, t) => n + integerListLength(t), 0));
  let at = 0;
  for (const text of lists) at = parseIntegerListInto(text, out, at, 'x');
  expect([at, ...out]).toEqual([3, 1, 2, 30]);
});

it.each(['1,,3', '1,2,', ',1'])('refuses the malformed list %j', (text) => {
  expect(() => parseIntegerListInto(text, new Float64Array(integerListLength(text)), 0, 'links')).toThrow('integer list links: expected comma-separated integers');
});

it('refuses a list longer than the room left for it', () => {
  expect(() => parseIntegerListInto('1,2,3', new Float64Array(3), 1, 'links')).toThrow('integer list links: expected comma-separated integers, got "1,2,3"');
});

it('refuses anything but digits and commas', () => {
  expect(() => parseIntegerListInto('1,-2', new Float64Array(2), 0, 'links')).toThrow('integer list links: unexpected character "-" at 2');
  expect(() => parseIntegerListInto('{1,2}', new Float64Array(2), 0, 'links')).toThrow('unexpected character "{" at 0');
});
