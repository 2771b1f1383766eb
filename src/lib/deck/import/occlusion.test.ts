import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SHAPES, occlusionTargets, parseOcclusions } from './occlusion';

describe('Image Occlusion masks', () => {
  it('reads rectangles, ellipses, polygons and labels with their gap numbers', () => {
    const field =
      '{{c1::image-occlusion:rect:left=.1167:top=.1115:width=.1619:height=.1967:oi=1}}<br>' +
      '{{c2::image-occlusion:ellipse:left=.4542:top=.2832:rx=.1093:ry=.1442}}<br>' +
      '{{c3::image-occlusion:polygon:left=.5:top=.5:points=.79,.51 .56,.78 .96,.85:oi=1}}<br>' +
      '{{c0::image-occlusion:text:left=.03:top=.85:text=Time: 10&amp;20:scale=2:fs=.1}}';
    expect(parseOcclusions(field)).toEqual([
      {
        ordinal: 1,
        hidden: true,
        shape: 'rect',
        left: 0.1167,
        top: 0.1115,
        width: 0.1619,
        height: 0.1967
      },
      { ordinal: 2, shape: 'ellipse', left: 0.4542, top: 0.2832, rx: 0.1093, ry: 0.1442 },
      {
        ordinal: 3,
        hidden: true,
        shape: 'polygon',
        points: [
          [0.79, 0.51],
          [0.56, 0.78],
          [0.96, 0.85]
        ]
      },
      // A label's text keeps its colon and its decoded ampersand; its size is fs × scale.
      { ordinal: 0, shape: 'text', left: 0.03, top: 0.85, text: 'Time: 10&20', size: 0.2 }
    ]);
    expect(occlusionTargets(parseOcclusions(field))).toEqual([1, 2, 3]);
  });

  it('leaves out damaged, unknown and far-off shapes, and keeps at most MAX_SHAPES', () => {
    const field =
      '{{c1::image-occlusion:rect:left=abc:top=.1:width=.1:height=.1}}' +
      '{{c2::image-occlusion:star:left=.1:top=.1}}' +
      '{{c3::image-occlusion:rect:left=9:top=.1:width=.1:height=.1}}' +
      '{{c4::image-occlusion:polygon:points=.1,.1 .2,.2}}' +
      '{{c5::image-occlusion:rect:left=.1:top=.1:width=-.1:height=.1}}' +
      '{{c6::image-occlusion:rect:left=.1:top=.2:width=.3:height=.4}}';
    expect(parseOcclusions(field).map((s) => s.ordinal)).toEqual([6]);
    const many = '{{c1::image-occlusion:rect:left=.1:top=.1:width=.1:height=.1}}'.repeat(1000);
    expect(parseOcclusions(many)).toHaveLength(MAX_SHAPES);
  });

  it('never throws on any text, and every shape it reads is within bounds', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              '{{c1::image-occlusion:',
              'rect:',
              'left=',
              '.5',
              ':',
              '}}',
              'points=',
              ',',
              ' '
            )
          ),
          { maxLength: 40 }
        ),
        (pieces) => {
          for (const shape of parseOcclusions(pieces.join(''))) {
            const { ordinal: _ordinal, ...rest } = shape;
            const numbers = Object.values(rest)
              .flat(2)
              .filter((v): v is number => typeof v === 'number');
            for (const n of numbers) expect(Math.abs(n)).toBeLessThanOrEqual(1.5);
          }
        }
      ),
      { numRuns: 1000, seed: 20261203 }
    );
  });
});
