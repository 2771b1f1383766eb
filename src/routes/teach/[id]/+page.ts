import { systemClock } from '$lib/services/clock';
import { classes } from '$lib/services/teaching';
import type { PageLoad } from './$types';

// The class lives on this device only: there is nothing to prerender.
export const prerender = false;

/** The class view, or null when this device has no assignment and no reports with that id. */
export const load: PageLoad = async ({ params }) => ({
  view: await classes.classView(params.id, systemClock)
});
