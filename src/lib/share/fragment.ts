/**
 * The `#` fragment of an address as users hand it in: typed, cut, pasted through a
 * messenger or changed by hand. Pure and tiny, so the app's start-up can use it without
 * loading the payload reader.
 */

const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const STRAY_PERCENT = /%(?![0-9A-Fa-f]{2})/;

/**
 * The text with every valid run of escapes undone, and whether the whole text would decode
 * (no stray `%`, no run that is not UTF-8). A run is decoded on its own: no UTF-8 sequence
 * spans two runs, so this is the same test as decoding the whole text. The outcome of each
 * decoding is used, never thrown away: the minifier drops a `decodeURIComponent` call whose
 * result is unused, and the throw with it.
 */
function undoEscapes(text: string): { text: string; decodes: boolean } {
  let decodes = !STRAY_PERCENT.test(text);
  const undone = text.replace(ESCAPE_RUN, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      decodes = false;
      return run;
    }
  });
  return { text: undone, decodes };
}

/**
 * Undoes percent-escapes (`%2E`, `%C3%A9`) without ever throwing: a run of escapes that is
 * not valid UTF-8, or a `%` not followed by two hex digits, stays as it was written (and
 * the payload check then refuses it as damaged). A link that passed through a messenger or
 * a browser's address bar may have escapes; a payload itself never contains a `%`.
 */
export function decodePercent(text: string): string {
  return undoEscapes(text).text;
}

/**
 * The router decodes the fragment with `decodeURIComponent` when the app starts, which
 * throws on a stray `%` (`#sd1.a.%x`) and stops the app. Such a fragment is given back
 * with every `%` written as `%25`, which decodes everywhere and which `decodePercent` turns
 * back into exactly the fragment as it was; null when the fragment decodes already.
 */
export function decodableFragment(fragment: string): string | null {
  return undoEscapes(fragment).decodes ? null : fragment.replace(/%/g, '%25');
}
