/**
 * The page's side of an import: one worker per import (import.worker.ts) reads the file and
 * keeps what it read until the learner confirms or cancels. Cancelling ends the worker, so
 * nothing it was doing is written.
 */
import { systemClock } from './clock';
import type {
  ImportReply,
  ImportRequest,
  ImportStage,
  TableView,
  TextChoices
} from './import-messages';
import type { ImportPreview } from './import';

export type { ImportStage, TableView, TextChoices };

export class ImportJob {
  #worker: Worker;
  #waiting: { resolve(reply: ImportReply): void; reject(error: Error): void } | null = null;

  constructor(private readonly onStage: (stage: ImportStage) => void) {
    this.#worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    this.#worker.onmessage = ({ data }: MessageEvent<ImportReply>) => {
      if (data.type === 'stage') this.onStage(data.stage);
      else this.#waiting?.resolve(data);
    };
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#waiting?.reject(
        new Error('The import could not start in this browser: it needs Web Workers.')
      );
    };
  }

  #ask(request: ImportRequest): Promise<ImportReply> {
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#worker.postMessage(request);
    });
  }

  /** Reads a file into a preview; nothing is written. */
  async read(
    bytes: Uint8Array,
    fileName: string,
    choices: TextChoices = {}
  ): Promise<{ preview: ImportPreview; table: TableView | null }> {
    const reply = await this.#ask({
      type: 'read',
      bytes,
      fileName,
      choices,
      now: systemClock.now()
    });
    if (reply.type === 'failed') throw new Error(reply.message);
    if (reply.type !== 'preview') throw new Error('The import worker answered out of turn.');
    return { preview: reply.preview, table: reply.table };
  }

  /** Writes what was read, in one transaction. */
  async commit(title: string): Promise<{ deckId: string; notes: number; reviews: number }> {
    const reply = await this.#ask({ type: 'commit', title, now: systemClock.now() });
    if (reply.type === 'failed') throw new Error(reply.message);
    if (reply.type !== 'done') throw new Error('The import worker answered out of turn.');
    return reply;
  }

  /** Stops whatever the worker is doing; nothing unfinished is written. */
  cancel(): void {
    this.#worker.terminate();
    this.#waiting?.reject(new CancelledImport());
    this.#waiting = null;
  }
}

export class CancelledImport extends Error {
  constructor() {
    super('Import cancelled: nothing was written.');
    this.name = 'CancelledImport';
  }
}
