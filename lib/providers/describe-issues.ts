import type { z } from 'zod';

/** `["offers", 12, "gpu_ram"]` as `offers[12].gpu_ram`, the way the payload reads. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
}

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return String(value);
}

const typeNames: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
};

/** One problem of a payload, saying what is wrong and where: `offers[3].id: expected …, got …`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = pathText(issue.path) || 'the answer';
  const got = 'input' in issue ? issue.input : undefined;

  if (issue.code === 'invalid_type') {
    const expected = typeNames[issue.expected] ?? issue.expected;
    if (got === undefined) return `${where}: missing (expected ${expected})`;
    return `${where}: expected ${expected}, got ${shown(got)}`;
  }
  const message = issue.message.replace(/^Too (small|big): expected \w+ to be /, 'must be ');
  return got === undefined ? `${where}: ${message}` : `${where}: ${message}, got ${shown(got)}`;
}

/** The first problem in full, and how many more there are. */
export function describeIssues(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (!first) return 'the answer does not have the expected shape';
  const more = rest.length
    ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`
    : '';
  return `${describeIssue(first)}${more}`;
}
