import { studentAssignments } from '$lib/services/assignment-progress';
import type { PageLoad } from './$types';

// The record lives on this device only: there is nothing to prerender.
export const prerender = false;

/** The assignment whose final test this is, or null when this device has none with that id. */
export const load: PageLoad = async ({ params }) => ({
  record: await studentAssignments.findAssignment(params.id)
});
