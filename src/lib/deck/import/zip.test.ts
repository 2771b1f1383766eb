import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from './types';
import { crc32Of, NOT_A_ZIP, openZip, unsafeEntryName } from './zip';

const MB = 1024 * 1024;

/** Where each entry's central-directory record and local header are (a zip without comment). */
function records(zip: Uint8Array): { central: number; local: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  expect(view.getUint32(eocd, true)).toBe(0x06054b50);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const out: { central: number; local: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    out.push({ central: at, local: view.getUint32(at + 42, true) });
    at +=
      46 +
      view.getUint16(at + 28, true) +
      view.getUint16(at + 30, true) +
      view.getUint16(at + 32, true);
  }
  return out;
}

/** The zip with entry `index` declaring another uncompressed size (in both of its headers). */
function declareSize(zip: Uint8Array, index: number, size: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const record = records(copy)[index]!;
  view.setUint32(record.central + 24, size, true);
  view.setUint32(record.local + 22, size, true);
  return copy;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as Error).message;
  }
  throw new Error('expected an ImportError');
}

describe('openZip reads what it is asked for', () => {
  it('reads stored and deflated entries back as they were', () => {
    const text = strToU8('Bonjour, le monde. '.repeat(2000));
    const zip = zipSync({
      'stored.txt': [strToU8('as is'), { level: 0 }],
      'deflated.txt': text,
      'folder/inner.bin': new Uint8Array([1, 2, 3])
    });
    const reader = openZip(zip);
    expect(reader.entries.map((entry) => entry.name)).toEqual([
      'stored.txt',
      'deflated.txt',
      'folder/inner.bin'
    ]);
    expect(new TextDecoder().decode(reader.read('stored.txt'))).toBe('as is');
    expect(reader.read('deflated.txt')).toEqual(text);
    expect(reader.entry('deflated.txt')?.size).toBe(text.length);
    expect([...reader.read('folder/inner.bin')]).toEqual([1, 2, 3]);
    expect(reader.has('missing')).toBe(false);
    expect(refusal(() => reader.read('missing'))).toMatch(/no entry "missing"/);
  });

  it('inflates only the entries asked for: a damaged entry does not stop reading the others', () => {
    const zip = zipSync({
      'good.txt': strToU8('good '.repeat(100)),
      'bad.txt': strToU8('bad '.repeat(100))
    });
    const damaged = zip.slice();
    const bad = records(damaged)[1]!;
    const nameLength = new DataView(damaged.buffer).getUint16(bad.local + 26, true);
    const at = bad.local + 30 + nameLength + 2;
    damaged[at] = damaged[at]! ^ 0xff;
    const reader = openZip(damaged);
    expect(new TextDecoder().decode(reader.read('good.txt'))).toBe('good '.repeat(100));
    expect(refusal(() => reader.read('bad.txt'))).toMatch(/damaged: entry "bad\.txt"/);
  });

  it('checks every entry against its checksum', () => {
    const zip = zipSync({ 'a.txt': [strToU8('checked text'), { level: 0 }] });
    const copy = zip.slice();
    const record = records(copy)[0]!;
    const at = record.local + 30 + 'a.txt'.length;
    copy[at] = copy[at]! ^ 0x01;
    expect(refusal(() => openZip(copy).read('a.txt'))).toMatch(/fails its checksum/);
  });

  it('computes the CRC-32 zip uses', () => {
    expect(crc32Of(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32Of(new Uint8Array(0))).toBe(0);
  });
});

describe('openZip refuses what could harm', () => {
  it.each([
    ['../evil.txt', /"\.\.\/evil\.txt" climbs out of its folder/],
    ['deck/../../evil.txt', /climbs out of its folder/],
    ['/etc/passwd', /"\/etc\/passwd" has an absolute path/],
    ['C:/Windows/evil.dll', /absolute path \(a drive letter\)/],
    ['..\\evil.txt', /backslash traversal/],
    ['media\\..\\..\\evil.txt', /backslash traversal/],
    ['\\server\\share.txt', /absolute path/]
  ])('refuses an entry named %s', (name, message) => {
    const zip = zipSync({ 'collection.anki21': strToU8('x'), [name]: strToU8('payload') });
    expect(refusal(() => openZip(zip))).toMatch(message);
  });

  it('accepts names that only look odd', () => {
    expect(unsafeEntryName('paste-1..2.jpg')).toBeNull();
    expect(unsafeEntryName('0')).toBeNull();
    expect(unsafeEntryName('folder/..hidden')).toBeNull();
  });

  it('refuses a zip that declares 600 MB before inflating anything', () => {
    const zip = declareSize(zipSync({ 'collection.anki21': strToU8('small') }), 0, 600 * MB);
    expect(refusal(() => openZip(zip))).toMatch(
      /entries declare 600 MB uncompressed, more than the 500 MB/
    );
  });

  it('refuses an entry whose compression ratio is absurd (a zip bomb)', () => {
    const zip = zipSync({ 'bomb.bin': new Uint8Array(5 * MB) }, { level: 9 });
    const entry = openZip(zip, { maxRatio: Infinity }).entry('bomb.bin')!;
    expect(entry.size / entry.compressedSize).toBeGreaterThan(1000);
    expect(refusal(() => openZip(zip))).toMatch(
      /zip bomb: entry "bomb\.bin" would inflate 5 kB to 5 MB, a ratio of 10\d\d to 1/
    );
    // A small file of zeros is not held to the ratio.
    expect(() => openZip(zipSync({ 'blank.bin': new Uint8Array(MB) }, { level: 9 }))).not.toThrow();
  });

  it('stops an entry that inflates past the size it declares', () => {
    const zip = declareSize(zipSync({ 'liar.txt': strToU8('a'.repeat(200_000)) }), 0, 1000);
    const reader = openZip(zip);
    expect(refusal(() => reader.read('liar.txt'))).toMatch(
      /entry "liar\.txt" inflates to more than the 1000 bytes it declares/
    );
  });

  it('refuses to inflate more than the limit in all', () => {
    const zip = zipSync({ a: new Uint8Array(600), b: new Uint8Array(600) });
    const reader = openZip(zip, { maxTotalBytes: 1500 });
    reader.read('a');
    reader.read('b');
    expect(refusal(() => reader.read('a'))).toMatch(/would inflate more than 1 kB/);
  });

  it('says when a file is not a zip, or was cut short', () => {
    expect(refusal(() => openZip(new Uint8Array(0)))).toBe(NOT_A_ZIP);
    expect(refusal(() => openZip(strToU8('SQLite format 3\u0000 and more')))).toBe(NOT_A_ZIP);
    expect(
      refusal(() => openZip(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    ).toBe(NOT_A_ZIP);
    const zip = zipSync({ 'a.txt': strToU8('text '.repeat(1000)) });
    expect(refusal(() => openZip(zip.subarray(0, zip.length - 30)))).toMatch(/cut short/);
  });

  it('refuses an encrypted entry', () => {
    const zip = zipSync({ 'secret.txt': strToU8('secret') });
    const record = records(zip)[0]!;
    zip[record.central + 8] = zip[record.central + 8]! | 1;
    expect(refusal(() => openZip(zip))).toMatch(/encrypted/);
  });
});
