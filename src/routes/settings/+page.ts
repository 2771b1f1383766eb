import { studyPlanUseCases } from '$lib/services/study-plan';
import type { PageLoad } from './$types';

// The plan's choices are read before the screen shows, so the form does not push the
// sections below it down when it arrives.
export const load: PageLoad = async () => ({
  choices: await studyPlanUseCases.studyPlanChoices()
});
