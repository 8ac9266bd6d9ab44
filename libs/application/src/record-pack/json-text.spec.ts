import { prettyJsonText } from './json-text';

describe(prettyJsonText.name, () => {
  it.each([
    ['an estimate-like document', {
      claim: { id: 'c', asOf: '2026-11-22' }, rules: { version: '1', unverified: [] }, empty: {}, skipped: undefined,
      lines: [{ a: 'x\ny', b: null, c: [1, { d: [] }] }, { a: '"quoted"', e: { f: {} } }], unmatched: [], note: 'text', count: 3, flag: false,
    }],
    ['an array at the top', [{ a: [1, 2] }, null, 'x', [], {}]],
    ['arrays with undefined and functions, which JSON makes null', { list: [undefined, () => 1, 2] }],
    ['a value with toJSON', { when: new Date(0), list: [new Date(1)] }],
    ['an empty object', {}],
    ['a string', 'just text'],
  ])('gives exactly JSON.stringify(value, null, 2) and a line break: %s', (_name, value) => {
    expect([...prettyJsonText(value)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('gives an array of a top-level object element by element, not as one string', () => {
    const pieces = [...prettyJsonText({ lines: [{ a: 1 }, { a: 2 }, { a: 3 }] })];
    expect(pieces.filter((piece) => piece.includes('"a"'))).toHaveLength(3);
  });
});
