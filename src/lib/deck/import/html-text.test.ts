import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeEntities, htmlToSafeText, plainOfSafeText, safeTextRuns } from './html-text';

describe('htmlToSafeText', () => {
  it('keeps line breaks and simple emphasis, and drops every other tag', () => {
    expect(htmlToSafeText('In a cloze, some&nbsp;<b>fields</b> are<br>hidden.')).toBe(
      'In a cloze, some *fields* are\nhidden.'
    );
    expect(
      htmlToSafeText('<div>One</div><div>Two <span style="color:red">three</span></div>')
    ).toBe('One\nTwo three');
    expect(htmlToSafeText('<ul><li>a</li><li><i>b</i></li></ul>')).toBe('a\n*b*');
  });

  it('drops scripts, styles, handlers and links whole, and keeps only their visible text', () => {
    expect(htmlToSafeText('Hi<script>alert(1)</script> there<style>p{}</style>')).toBe('Hi there');
    expect(htmlToSafeText('<img src=x onerror="alert(1)">Paris')).toBe('Paris');
    expect(htmlToSafeText('<a href="javascript:alert(1)">click</a>')).toBe('click');
    expect(htmlToSafeText('<scr<script>ipt>alert(1)</script>')).not.toContain('<script');
    expect(htmlToSafeText('a <!-- <b>hidden</b> --> b')).toBe('a b');
  });

  it('decodes character references, and keeps a lone < and a literal asterisk as text', () => {
    expect(decodeEntities('&lt;b&gt; &amp; &#233; &#x1F600; &bogus;')).toBe('<b> & é 😀 &bogus;');
    expect(htmlToSafeText('1 &lt; 2 and 3 < 4')).toBe('1 < 2 and 3 < 4');
    expect(htmlToSafeText('5 * 3')).toBe('5 \\* 3');
    expect(plainOfSafeText(htmlToSafeText('<b>5 * 3</b>'))).toBe('5 * 3');
  });

  it('never shows what was inside a tag or a script, however the markup is mixed', () => {
    const piece = fc.oneof(
      fc.constantFrom('text ', ' < ', '>', '&', '&amp;', '*', ' 3 < 4 ', '\n'),
      fc.constantFrom(
        '<img src=x onerror="SECRET">',
        '<script>SECRET</script>',
        '<style>SECRET</style>',
        '<a href="javascript:SECRET">link</a>',
        '<b>',
        '</b>',
        '<br>',
        "<div title='SECRET'>",
        '</div>',
        '<!-- SECRET -->',
        '<script>',
        '</script>'
      )
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const html = pieces.join('');
        // A script opened and never closed hides everything after it; otherwise the
        // secret lives only inside markup.
        expect(htmlToSafeText(html)).not.toContain('SECRET');
      }),
      { numRuns: 2000, seed: 15 }
    );
  });
});

describe('a long field', () => {
  it('reads 400 kB of line breaks and emphasis well inside the test timeout', () => {
    // Work that grew with the square of the length took seconds on a fifth of this; linear
    // work takes tens of milliseconds. The test's own timeout is the bound, not a clock.
    const text = htmlToSafeText('a <br><b>b</b> '.repeat(27_000));
    expect(text.split('\n')).toHaveLength(27_001);
    expect(text.startsWith('a\n*b* a')).toBe(true);
  });
});

describe('safeTextRuns', () => {
  it('splits emphasis from plain text and reads escapes back', () => {
    expect(safeTextRuns('a *b* c \\*d')).toEqual([
      { text: 'a ', emphasis: false },
      { text: 'b', emphasis: true },
      { text: ' c *d', emphasis: false }
    ]);
  });
});
