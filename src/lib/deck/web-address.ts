/**
 * Which source addresses may become links. A source's address comes from a deck, or from a
 * teacher's spreadsheet inside a link anyone can write, so only an absolute http or https
 * address with a host is ever put in an `href`; anything else (javascript:, data:, a
 * relative path, a typo) is shown as plain text.
 * Pure: no DOM.
 */

/** Whether `value` is an absolute http:// or https:// address with a host. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The `href` for a source's address: the address as the browser will read it, or undefined
 * when it must stay text. The parsed form is returned so that what is checked is exactly
 * what is followed (the URL parser drops leading spaces and control characters, for one).
 */
export function linkableUrl(url: string | undefined): string | undefined {
  if (url === undefined || !isHttpUrl(url)) return undefined;
  return new URL(url).href;
}
