/** What JSON.stringify leaves out of an object. */
const omitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';

/**
 * Exactly `JSON.stringify(value, null, 2)` followed by a line break, made a piece at a time: the members
 * of a top-level object and the elements of its arrays are stringified one by one, so a document whose
 * arrays hold a hundred thousand lines is never one string.
 */
export function* prettyJsonText(value: unknown): Generator<string> {
  yield* pretty(value, '');
  yield '\n';
}

function* pretty(value: unknown, indent: string): Generator<string> {
  const inner = `${indent}  `;
  const nested = (element: unknown) => (JSON.stringify(element, null, 2) ?? 'null').replace(/\n/g, `\n${inner}`);
  if (Array.isArray(value)) {
    if (value.length === 0) return yield '[]';
    yield '[';
    for (let i = 0; i < value.length; i += 1) yield `${i > 0 ? ',' : ''}\n${inner}${nested(value[i])}`;
    return yield `\n${indent}]`;
  }
  if (!isPlainObject(value) || indent !== '') return yield JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
  const keys = Object.keys(value).filter((key) => !omitted(value[key]));
  if (keys.length === 0) return yield '{}';
  yield '{';
  for (let i = 0; i < keys.length; i += 1) {
    const member = value[keys[i]];
    yield `${i > 0 ? ',' : ''}\n${inner}${JSON.stringify(keys[i])}: `;
    if (Array.isArray(member)) yield* pretty(member, inner);
    else yield nested(member);
  }
  yield `\n${indent}}`;
}
