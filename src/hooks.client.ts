import type { ClientInit } from '@sveltejs/kit';
import { decodableFragment } from '$lib/share/fragment';

/**
 * Before the router starts: a link whose fragment has a stray `%` (changed by hand, cut in
 * the middle of an escape) would make the router throw on start. Its fragment is rewritten
 * in place so that it decodes, keeping what the screens read (see `decodableFragment`).
 */
export const init: ClientInit = () => {
  const safe = decodableFragment(location.hash.slice(1));
  if (safe !== null) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${safe}`);
  }
};
