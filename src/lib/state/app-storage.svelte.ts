import { requestPersistentStorage, type StorageReport } from '$lib/services/storage';

/** The persistent-storage outcome, asked for once at start-up and shown in Settings. */
class AppStorage {
  report = $state<StorageReport | null>(null);
  #pending: Promise<StorageReport> | null = null;

  ensure(): Promise<StorageReport> {
    this.#pending ??= requestPersistentStorage().then((report) => (this.report = report));
    return this.#pending;
  }
}

export const appStorage = new AppStorage();
