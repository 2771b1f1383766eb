import type { StudySession } from './study-session.svelte';

/** What the PWA register call gives back: a function that activates the waiting worker. */
export type ActivateWaitingWorker = () => Promise<void>;

export interface RegisterHooks {
  onNeedRefresh: () => void;
  onOfflineReady: () => void;
  /** Called when a new worker has taken control of this page. */
  onNeedReload: () => void;
}

/**
 * The app-update state machine. A new version is offered, never forced:
 * - a waiting worker is offered only when no study session is running in this tab;
 * - the page reloads only after the learner accepted the update in this tab;
 * - a worker activated elsewhere (another tab accepted) marks this tab as outdated and
 *   asks for a reload, but never reloads by itself.
 */
export class AppUpdate {
  waiting = $state(false);
  offlineReady = $state(false);
  dismissed = $state(false);
  /** A newer worker controls this page, started by another tab. */
  outdated = $state(false);
  #acceptedHere = false;
  #activate: ActivateWaitingWorker | null = null;
  #reload: () => void;
  #session: StudySession;

  constructor(session: StudySession, reload: () => void) {
    this.#session = session;
    this.#reload = reload;
  }

  /** True when the "update available" prompt should be on screen. */
  get promptVisible(): boolean {
    return (this.waiting || this.outdated) && !this.dismissed && !this.#session.active;
  }

  /** Wires the state to the service worker registration. */
  connect(register: (hooks: RegisterHooks) => ActivateWaitingWorker): void {
    this.#activate = register({
      onNeedRefresh: () => {
        this.waiting = true;
        this.dismissed = false;
      },
      onOfflineReady: () => (this.offlineReady = true),
      onNeedReload: () => {
        if (this.#acceptedHere) this.#reload();
        else this.outdated = true;
      }
    });
  }

  /** The learner chose to update now. */
  async accept(): Promise<void> {
    if (this.outdated) {
      this.#reload();
      return;
    }
    this.#acceptedHere = true;
    await this.#activate?.();
  }

  /** The learner chose "later": hide the prompt until the next new version. */
  dismiss(): void {
    this.dismissed = true;
  }
}
