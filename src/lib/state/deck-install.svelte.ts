import { onInstallProgress, type InstallProgress } from '$lib/services/library';

/** The built-in decks' install as the screens show it: how far it got, live. */
class DeckInstall {
  progress = $state<InstallProgress | null>(null);

  constructor() {
    if (typeof window !== 'undefined') onInstallProgress((p) => (this.progress = p));
  }

  /** "Preparing decks… 3 of 8" while the install runs, else `idle`. */
  status(idle: string): string {
    const p = this.progress;
    return p && p.total > 0 ? `Preparing decks… ${p.done} of ${p.total}` : idle;
  }
}

export const deckInstall = new DeckInstall();
