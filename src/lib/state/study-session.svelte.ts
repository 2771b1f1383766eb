/**
 * Whether a study session is under way in this tab. Screens that run a session set it;
 * the update prompt reads it so that a new version never interrupts a learner, and the
 * layout hides the phone's bottom navigation during a study session (its Leave stays).
 */
export class StudySession {
  active = $state(false);
  /** A study session asks for the whole screen: the phone's bottom navigation steps aside. */
  focused = $state(false);

  begin(focused = false): void {
    this.active = true;
    this.focused = focused;
  }

  end(): void {
    this.active = false;
    this.focused = false;
  }
}

export const studySession = new StudySession();
