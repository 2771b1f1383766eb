import { AppUpdate } from './app-update.svelte';
import { studySession } from './study-session.svelte';

/** The one app-update state of this tab. */
export const appUpdate = new AppUpdate(studySession, () => window.location.reload());
