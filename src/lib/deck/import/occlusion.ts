/**
 * Anki's Image Occlusion masks, read from the note's occlusion field:
 * `{{c2::image-occlusion:ellipse:left=.45:top=.28:rx=.11:ry=.14:oi=1}}`, one per shape.
 * A property is `name=value`, properties are separated by `:`; a piece without `=` belongs
 * to the value before it (a label's text may hold a colon). Positions are fractions of the
 * picture. A shape that is damaged, far outside the picture or of an unknown kind is left
 * out; a note keeps at most MAX_SHAPES shapes.
 * Pure: no storage, no DOM.
 */
import type { OcclusionShape } from '../types';
import { decodeEntities } from './html-text';

export const MAX_SHAPES = 200;
const MAX_POINTS = 200;
const MAX_TEXT = 200;

/** A fraction of the picture, allowing shapes that stick out a little. */
function fraction(value: string | undefined, min = -0.5, max = 1.5): number | null {
  if (value === undefined || !/^-?(\d+\.?\d*|\.\d+)$/.test(value.trim())) return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

function properties(body: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | null = null;
  for (const piece of body.split(':')) {
    const eq = piece.indexOf('=');
    if (eq > 0 && /^[a-z]+$/i.test(piece.slice(0, eq))) {
      last = piece.slice(0, eq).toLowerCase();
      out.set(last, piece.slice(eq + 1));
    } else if (last !== null) {
      out.set(last, `${out.get(last)}:${piece}`);
    }
  }
  return out;
}

function shapeOf(ordinal: number, kind: string, p: Map<string, string>): OcclusionShape | null {
  const common = { ordinal, ...(p.get('oi') === '1' && { hidden: true as const }) };
  switch (kind) {
    case 'rect': {
      const [left, top] = [fraction(p.get('left')), fraction(p.get('top'))];
      const [width, height] = [fraction(p.get('width'), 0), fraction(p.get('height'), 0)];
      if (left === null || top === null || width === null || height === null) return null;
      return { ...common, shape: 'rect', left, top, width, height };
    }
    case 'ellipse': {
      const [left, top] = [fraction(p.get('left')), fraction(p.get('top'))];
      const [rx, ry] = [fraction(p.get('rx'), 0), fraction(p.get('ry'), 0)];
      if (left === null || top === null || rx === null || ry === null) return null;
      return { ...common, shape: 'ellipse', left, top, rx, ry };
    }
    case 'polygon': {
      const points: [number, number][] = [];
      for (const pair of (p.get('points') ?? '').trim().split(/\s+/)) {
        const [x, y] = pair.split(',').map((v) => fraction(v));
        if (x == null || y == null || points.length >= MAX_POINTS) return null;
        points.push([x, y]);
      }
      return points.length >= 3 ? { ...common, shape: 'polygon', points } : null;
    }
    case 'text': {
      const [left, top] = [fraction(p.get('left')), fraction(p.get('top'))];
      const text = (p.get('text') ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
      const size = fraction(p.get('fs'), 0.005, 1) ?? 0.05;
      const scale = fraction(p.get('scale'), 0.1, 10) ?? 1;
      if (left === null || top === null || !text) return null;
      return { ...common, shape: 'text', left, top, text, size: Math.min(1, size * scale) };
    }
    default:
      return null;
  }
}

/** The shapes of an occlusion field (its HTML), in the order written. */
export function parseOcclusions(field: string): OcclusionShape[] {
  const text = decodeEntities(field.replace(/<[^<>]*>/g, ' '));
  const shapes: OcclusionShape[] = [];
  for (const match of text.matchAll(/\{\{c(\d{1,4})::image-occlusion:([a-z]+):([^{}]*?)\}\}/gi)) {
    const shape = shapeOf(
      Number(match[1]),
      (match[2] ?? '').toLowerCase(),
      properties(match[3] ?? '')
    );
    if (shape) shapes.push(shape);
    if (shapes.length >= MAX_SHAPES) break;
  }
  return shapes;
}

/** The gap numbers that have a shape to recall (not the labels of gap 0), ascending. */
export function occlusionTargets(shapes: readonly OcclusionShape[]): number[] {
  return [
    ...new Set(shapes.filter((s) => s.ordinal > 0 && s.shape !== 'text').map((s) => s.ordinal))
  ].sort((a, b) => a - b);
}
