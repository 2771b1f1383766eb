/**
 * Whether a study session is under way in this tab. Screens that run a session set it;
 * the update prompt reads it so that a new version never interrupts a learner.
 */
export class StudySession {
  active = $state(false);

  begin(): void {
    this.active = true;
  }

  end(): void {
    this.active = false;
  }
}

export const studySession = new StudySession();
