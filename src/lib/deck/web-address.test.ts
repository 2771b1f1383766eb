import { describe, expect, it } from 'vitest';
import { isHttpUrl, linkableUrl } from './web-address';

describe('linkableUrl', () => {
  it.each([
    ['https://example.org/atlas', 'https://example.org/atlas'],
    ['http://example.org', 'http://example.org/'],
    ['HTTPS://Example.org/Page?q=1#p2', 'https://example.org/Page?q=1#p2'],
    ['  https://example.org/a b', 'https://example.org/a%20b']
  ])('links the web address %j as %j', (url, href) => {
    expect(linkableUrl(url)).toBe(href);
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'mailto:someone@example.org',
    'ftp://example.org/file',
    '/decks/wartime-aid',
    '//example.org/no-scheme',
    'example.org',
    'https://',
    'School atlas, page 12',
    ''
  ])('keeps %j as text', (url) => {
    expect(linkableUrl(url)).toBeUndefined();
    expect(isHttpUrl(url)).toBe(false);
  });

  it('keeps a source without an address as text', () => {
    expect(linkableUrl(undefined)).toBeUndefined();
  });
});
