import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { factValue, isoDate, kebabId, kebabMessage, tooLong, year } from './fields';

const messages = (schema: v.GenericSchema, value: unknown) =>
  v.safeParse(schema, value).issues?.map((issue) => issue.message) ?? [];

describe('field rules', () => {
  it('take kebab-case ids only, within the length given, in the words given', () => {
    const id = kebabId(12, { notKebab: kebabMessage('cold-war'), tooLong });
    expect(messages(id, 'cold-war-1')).toEqual([]);
    expect(messages(id, 'Cold War')).toEqual([
      'must be kebab-case: a-z, 0-9 and single hyphens, like cold-war'
    ]);
    expect(messages(id, 'cold--war')).toHaveLength(1);
    expect(messages(id, 'a-very-long-id')).toEqual(['is too long: at most 12 characters']);
    expect(messages(kebabId(), 'a'.repeat(500))).toEqual([]);
  });

  it('read a bare YAML year as a date only where asked to', () => {
    expect(v.safeParse(isoDate('yaml'), 1969).output).toBe('1969');
    expect(v.safeParse(isoDate('text'), 1969).success).toBe(false);
    expect(messages(isoDate('text'), '1969-13')).toEqual(['must be YYYY, YYYY-MM or YYYY-MM-DD']);
  });

  it('check years, and a period that does not run backwards', () => {
    const value = factValue({
      date: isoDate('text'),
      year: year(),
      number: v.number(),
      unit: v.string()
    });
    expect(v.safeParse(value, { from: 1950, to: 1960 }).success).toBe(true);
    expect(v.safeParse(value, { from: 1960, to: 1950 }).success).toBe(false);
    expect(v.safeParse(year(), 999).success).toBe(false);
    expect(messages(year({ notYear: 'must be a year between 1000 and 2999' }), 3000)).toEqual([
      'must be a year between 1000 and 2999'
    ]);
  });
});
