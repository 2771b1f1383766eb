import { studentAssignments } from '$lib/services/assignment-progress';
import { systemClock } from '$lib/services/clock';
import type { PageLoad } from './$types';

// The record lives on this device only: there is nothing to prerender.
export const prerender = false;

/** The assignment with its progress, or null when this device has none with that id. */
export const load: PageLoad = async ({ params }) => ({
  progress: await studentAssignments.findAssignmentProgress(params.id, systemClock)
});
