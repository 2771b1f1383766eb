import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyFragment } from './fixtures/link-fragments';
import { decodableFragment, decodePercent } from './fragment';

describe('link fragments', () => {
  it('leaves broken escapes as written instead of throwing', () => {
    expect(decodePercent('a%2Eb%E0%A4%Az%')).toBe('a.b%E0%A4%Az%');
    expect(decodePercent('%C3%A9%ZZ%ED%A0%80')).toBe('é%ZZ%ED%A0%80');
    expect(decodePercent('\uD800%41')).toBe('\uD800A');
  });

  it('leaves a fragment that decodes alone, and makes one that does not decode', () => {
    expect(decodableFragment('sd1.a.%2E')).toBeNull();
    expect(decodableFragment('sd1.a.12%.x')).toBe('sd1.a.12%25.x');
    expect(decodableFragment('%E0%A4%A')).toBe('%25E0%25A4%25A');
  });

  it('makes any fragment decodable, and reads it back exactly as it was written', () => {
    fc.assert(
      fc.property(anyFragment(), (fragment) => {
        const safe = decodableFragment(fragment);
        let throws = false;
        try {
          decodeURIComponent(fragment);
        } catch {
          throws = true;
        }
        // Rewritten exactly when the router would throw on it, and decodable after.
        expect(safe !== null).toBe(throws);
        expect(() => decodeURIComponent(safe ?? fragment)).not.toThrow();
        if (safe !== null) expect(decodePercent(safe)).toBe(fragment);
      }),
      { numRuns: 500, seed: 3 }
    );
  });
});
