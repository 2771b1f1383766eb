import type { ClientInit } from '@sveltejs/kit';
import { decodableFragment } from '$lib/share/fragment';

/**
 * Before the router starts: a link whose fragment has a stray `%` (changed by hand, cut in
 * the middle of an escape) would make the router throw on start. Its fragment is rewritten
 * in place so that it decodes, keeping what the screens read (see `decodableFragment`).
 */
export const init: ClientInit = () => {
  // A study session opened directly (a bookmark, the installed app's shortcut) needs its
  // session code and the database straight away: fetched now, beside the screen's own code,
  // rather than after it. The screen paints without them either way.
  if (location.pathname === '/study') void import('$lib/services/session').catch(() => {});
  const safe = decodableFragment(location.hash.slice(1));
  if (safe !== null) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${safe}`);
  }
};
