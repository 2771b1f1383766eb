/**
 * Safe reading of a zip file from the learner's device (an Anki package, a zipped export):
 * the file is untrusted, so its central directory is read here first, every entry name and
 * declared size is checked before anything is inflated, and only the entries asked for are
 * inflated, each stopped the moment it grows past what it declared.
 *
 * Refused, with an `ImportError` naming the problem: a file that is not a zip, an entry name
 * that climbs out of its folder (`..`), is absolute or uses backslashes to do either, a
 * declared total past 500 MB, an entry whose compression ratio is absurd (a zip bomb), an
 * encrypted or split archive, and an entry that inflates to more (or less) than it declared
 * or fails its checksum.
 * Pure: no storage, no DOM.
 */
import { Inflate } from 'fflate';
import { ImportError } from './types';

/** How much a zip may hold; the defaults are generous for a deck with pictures. */
export interface ZipLimits {
  /** The most bytes all entries together may declare, and the most this reader inflates in all. */
  maxTotalBytes: number;
  /** The highest compression ratio (uncompressed : compressed) allowed for an entry above `ratioMinBytes`. */
  maxRatio: number;
  /** Entries up to this size are not held to `maxRatio` (a small file of spaces compresses well). */
  ratioMinBytes: number;
  /** The most entries a zip may have. */
  maxEntries: number;
}

export const ZIP_LIMITS: Readonly<ZipLimits> = {
  maxTotalBytes: 500 * 1024 * 1024,
  maxRatio: 1000,
  ratioMinBytes: 1024 * 1024,
  maxEntries: 1_000_000
};

/** One entry as the central directory declares it. */
export interface ZipEntry {
  name: string;
  /** The uncompressed size it declares. */
  size: number;
  /** The size of its data in the file. */
  compressedSize: number;
  /** 0 stored, 8 deflated (the only two read). */
  method: number;
  crc32: number;
  /** Where its local header starts. */
  offset: number;
}

/** An opened zip: its entries by name, each inflated only when read. */
export interface ZipReader {
  /** The entries, in the order of the central directory. */
  readonly entries: readonly ZipEntry[];
  entry(name: string): ZipEntry | undefined;
  has(name: string): boolean;
  /**
   * The bytes of one entry, inflated and checked against its declared size and checksum.
   * Throws `ImportError` when the entry is missing, damaged, or would pass the limits.
   */
  read(name: string): Uint8Array;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** Compressed bytes handed to the inflater at a time: at most about 16 MB comes out of one push. */
const INFLATE_CHUNK = 16 * 1024;

const MB = 1024 * 1024;

/** The message for a file that is not a zip at all (a reader may say it in its own words). */
export const NOT_A_ZIP = 'This file is not a zip file.';

/** A size in words: "600 MB", "12 kB", "300 bytes". */
function sizeInWords(bytes: number): string {
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}

/** Shown in messages: an entry name without control characters, and not too long. */
function shownName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

/** Why an entry name is unsafe to trust, or null when it is fine. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return 'has an empty name';
  if (name.includes('\u0000')) return 'has a NUL character in its name';
  if (name.startsWith('/') || name.startsWith('\\')) return 'has an absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'has an absolute path (a drive letter)';
  const segments = name.split(/[/\\]/);
  if (segments.some((segment) => segment === '..')) {
    return name.includes('\\')
      ? 'climbs out of its folder with "..\\" (a backslash traversal)'
      : 'climbs out of its folder with ".."';
  }
  return null;
}

function damaged(detail: string): ImportError {
  return new ImportError(`This zip file is damaged: ${detail}.`);
}

/**
 * Opens a zip from its bytes: reads the central directory and checks every entry's name and
 * declared size, inflating nothing yet. Throws `ImportError` when the file is not a zip or
 * breaks a rule (see the module comment).
 */
export function openZip(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): ZipReader {
  const limit: ZipLimits = { ...ZIP_LIMITS, ...limits };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => u32(at) + u32(at + 4) * 0x1_0000_0000;

  // The end-of-central-directory record: within the last 22 + 65535 bytes (its comment).
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (u32(at) === EOCD_SIGNATURE && at + 22 + u16(at + 20) <= bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) {
    if (bytes.length >= 4 && u32(0) === LOCAL_SIGNATURE)
      throw damaged('its end is missing (the file was cut short)');
    throw new ImportError(NOT_A_ZIP);
  }
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0)
    throw new ImportError('This zip file is split over several parts; only single files are read.');
  let count = u16(eocd + 10);
  let directorySize = u32(eocd + 12);
  let directoryOffset = u32(eocd + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    // ZIP64: the real numbers are in the ZIP64 end record, found through its locator.
    const locator = eocd - 20;
    if (locator < 0 || u32(locator) !== ZIP64_LOCATOR_SIGNATURE)
      throw damaged('its ZIP64 directory locator is missing');
    const record = u64(locator + 8);
    if (record + 56 > bytes.length || u32(record) !== ZIP64_EOCD_SIGNATURE)
      throw damaged('its ZIP64 directory record is missing');
    count = u64(record + 32);
    directorySize = u64(record + 40);
    directoryOffset = u64(record + 48);
  }
  if (count > limit.maxEntries)
    throw new ImportError(
      `This zip file has ${count} entries, more than the ${limit.maxEntries} this app reads.`
    );
  if (directoryOffset + directorySize > bytes.length)
    throw damaged('its directory lies past the end of the file (it was cut short)');

  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let declaredTotal = 0;
  let at = directoryOffset;
  const directoryEnd = directoryOffset + directorySize;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > directoryEnd || u32(at) !== CENTRAL_SIGNATURE)
      throw damaged(`its directory ends before entry ${i + 1} of ${count}`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc32 = u32(at + 16);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const disk = u16(at + 34);
    let offset = u32(at + 42);
    const nameStart = at + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > directoryEnd) throw damaged(`entry ${i + 1} runs past its directory`);
    const name = decoder.decode(bytes.subarray(nameStart, extraStart));
    if (size === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff) {
      // ZIP64 extra field (id 1): the 64-bit values, in this order, for those that overflowed.
      let extra = extraStart;
      const extraEnd = extraStart + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = u16(extra);
        const length = u16(extra + 2);
        if (id === 0x0001) {
          let field = extra + 4;
          const fieldEnd = Math.min(field + length, extraEnd);
          const take = () => {
            if (field + 8 > fieldEnd)
              throw damaged(`entry "${shownName(name)}" has a short ZIP64 field`);
            const value = u64(field);
            field += 8;
            return value;
          };
          if (size === 0xffffffff) size = take();
          if (compressedSize === 0xffffffff) compressedSize = take();
          if (offset === 0xffffffff) offset = take();
          break;
        }
        extra += 4 + length;
      }
      if (size === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff)
        throw damaged(`entry "${shownName(name)}" lacks its ZIP64 sizes`);
    }
    const unsafe = unsafeEntryName(name);
    if (unsafe)
      throw new ImportError(
        `This zip file is refused: entry "${shownName(name)}" ${unsafe}, which could write outside its folder.`
      );
    if (disk !== 0)
      throw new ImportError(
        'This zip file is split over several parts; only single files are read.'
      );
    if (flags & 0x1)
      throw new ImportError(
        `This zip file is encrypted (entry "${shownName(name)}"); only unencrypted files are read.`
      );
    if (byName.has(name))
      throw new ImportError(
        `This zip file is refused: it has two entries named "${shownName(name)}".`
      );
    const entry: ZipEntry = { name, size, compressedSize, method, crc32, offset };
    entries.push(entry);
    byName.set(name, entry);
    declaredTotal += size;
    at = next;
  }

  if (declaredTotal > limit.maxTotalBytes)
    throw new ImportError(
      `This zip file is refused: its entries declare ${sizeInWords(declaredTotal)} uncompressed, more than the ${sizeInWords(limit.maxTotalBytes)} this app reads.`
    );
  for (const entry of entries) {
    if (entry.size <= limit.ratioMinBytes) continue;
    const ratio = entry.size / Math.max(1, entry.compressedSize);
    if (ratio > limit.maxRatio)
      throw new ImportError(
        `This zip file is refused as a zip bomb: entry "${shownName(entry.name)}" would inflate ${sizeInWords(entry.compressedSize)} to ${sizeInWords(entry.size)}, a ratio of ${Math.round(ratio)} to 1.`
      );
  }

  let inflatedTotal = 0;
  const read = (name: string): Uint8Array => {
    const entry = byName.get(name);
    if (!entry) throw new ImportError(`This zip file has no entry "${shownName(name)}".`);
    if (inflatedTotal + entry.size > limit.maxTotalBytes)
      throw new ImportError(
        `This zip file is refused: reading it would inflate more than ${sizeInWords(limit.maxTotalBytes)}.`
      );
    const local = entry.offset;
    if (local + 30 > bytes.length || u32(local) !== LOCAL_SIGNATURE)
      throw damaged(`entry "${shownName(name)}" is not where its directory says`);
    const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > bytes.length)
      throw damaged(`entry "${shownName(name)}" runs past the end of the file (it was cut short)`);
    const data = bytes.subarray(dataStart, dataEnd);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size)
        throw damaged(`stored entry "${shownName(name)}" has two different sizes`);
      out = data.slice();
    } else if (entry.method === 8) {
      out = inflateBounded(data, entry);
    } else {
      throw new ImportError(
        `This zip file uses a compression this app does not read (method ${entry.method}, entry "${shownName(name)}").`
      );
    }
    if (crc32Of(out) !== entry.crc32)
      throw damaged(`entry "${shownName(name)}" fails its checksum`);
    inflatedTotal += out.length;
    return out;
  };

  return {
    entries,
    entry: (name) => byName.get(name),
    has: (name) => byName.has(name),
    read
  };
}

/** Inflates one entry into exactly its declared size, stopping as soon as it would grow past it. */
function inflateBounded(data: Uint8Array, entry: ZipEntry): Uint8Array {
  const out = new Uint8Array(entry.size);
  let written = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (written + chunk.length > out.length)
      throw new ImportError(
        `This zip file is refused as a zip bomb: entry "${shownName(entry.name)}" inflates to more than the ${sizeInWords(entry.size)} it declares.`
      );
    out.set(chunk, written);
    written += chunk.length;
    if (final) ended = true;
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length; at += INFLATE_CHUNK) {
      const end = Math.min(data.length, at + INFLATE_CHUNK);
      inflater.push(data.subarray(at, end), end === data.length);
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw damaged(`entry "${shownName(entry.name)}" cannot be inflated (${describe(error)})`);
  }
  if (!ended || written !== out.length)
    throw damaged(
      `entry "${shownName(entry.name)}" inflates to ${sizeInWords(written)}, not the ${sizeInWords(entry.size)} it declares`
    );
  return out;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let crcTable: Uint32Array | null = null;

/** The CRC-32 of some bytes, as zip records it. */
export function crc32Of(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const table = crcTable;
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i += 1)
    crc = (table[(crc ^ bytes[i]!) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
