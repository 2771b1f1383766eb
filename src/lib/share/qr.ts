/**
 * QR codes of share links. Medium error correction when the link fits in it, so a
 * creased printout still scans; low when only that fits; nothing when even version 40
 * cannot hold the link, and the screen offers the link and a file instead.
 */
import { encode } from 'uqr';

export interface QrMatrix {
  version: number;
  ecc: 'M' | 'L';
  /** Modules per side, quiet zone included. */
  size: number;
  /** Row by row, `true` for a dark module. */
  rows: boolean[][];
}

/** Bytes a version-40 code holds at low error correction (byte mode). */
export const QR_MAX_BYTES = 2953;

export function qrFor(text: string): QrMatrix | null {
  if (new TextEncoder().encode(text).length > QR_MAX_BYTES) return null;
  for (const ecc of ['M', 'L'] as const) {
    try {
      const qr = encode(text, { ecc, border: 4 });
      return { version: qr.version, ecc, size: qr.size, rows: qr.data };
    } catch {
      // Too long for this level: try the next.
    }
  }
  return null;
}

/** One SVG path drawing every dark module, for a crisp code at any size. */
export function qrPath(matrix: QrMatrix): string {
  const parts: string[] = [];
  matrix.rows.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}
