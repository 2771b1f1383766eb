import {
  CancelledImport,
  ImportJob,
  type ImportStage,
  type TableView,
  type TextChoices
} from '$lib/services/import-client';
import type { ImportFormat, ImportPreview } from '$lib/services/import';
import type { TableMapping } from '$lib/deck/import/text';

/** Files larger than this are refused before they are read into memory. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

const STAGES: Record<ImportStage, { step: number; text: string }> = {
  unpacking: { step: 1, text: 'Unpacking the file…' },
  reading: { step: 2, text: 'Reading the cards…' },
  checking: { step: 3, text: 'Making the questions…' },
  writing: { step: 4, text: 'Writing the deck…' }
};
export const STAGE_COUNT = 4;

type Phase = 'choose' | 'reading' | 'preview' | 'writing' | 'done';

/** The import screen: a file or pasted text, its preview, the learner's choices, the import. */
export class ImportState {
  phase = $state<Phase>('choose');
  stage = $state<{ step: number; text: string } | null>(null);
  error = $state<string | null>(null);
  fileName = $state('');
  preview = $state<ImportPreview | null>(null);
  table = $state<TableView | null>(null);
  choices = $state<TextChoices>({});
  title = $state('');
  done = $state<{ deckId: string; title: string; notes: number; reviews: number } | null>(null);
  #job: ImportJob | null = null;
  #bytes: Uint8Array | null = null;

  /** Reads a chosen or dropped file into a preview. */
  async chooseFile(file: File): Promise<void> {
    if (file.size > MAX_IMPORT_BYTES) {
      this.#fail(
        `This file is ${Math.round(file.size / 1024 / 1024)} MB; the largest that can be imported is ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`
      );
      return;
    }
    await this.#start(new Uint8Array(await file.arrayBuffer()), file.name);
  }

  /** Reads pasted text (Quizlet, CSV, Anki text or GIFT) into a preview. */
  async paste(text: string): Promise<void> {
    if (!text.trim()) {
      this.#fail('Paste some cards first.');
      return;
    }
    await this.#start(new TextEncoder().encode(text), 'Pasted cards.txt');
  }

  /** Reads the same file again with other choices (columns, header, separators, format). */
  async choose(change: TextChoices): Promise<void> {
    if (!this.#bytes) return;
    this.choices = { ...this.choices, ...change };
    await this.#read(true);
  }

  async setColumn(role: keyof TableMapping, index: number | undefined): Promise<void> {
    if (!this.table) return;
    const mapping = { ...this.table.mapping, [role]: index };
    if (index === undefined) delete mapping[role];
    await this.choose({ mapping });
  }

  async #start(bytes: Uint8Array, fileName: string): Promise<void> {
    this.#job?.cancel();
    this.#job = new ImportJob((stage) => (this.stage = STAGES[stage]));
    this.#bytes = bytes;
    this.fileName = fileName;
    this.choices = {};
    this.done = null;
    await this.#read();
    if (this.preview) this.title = this.preview.title;
  }

  /** `again`: the file was read before; a failure keeps its last preview on screen. */
  async #read(again = false): Promise<void> {
    const job = this.#job!;
    this.phase = 'reading';
    this.error = null;
    this.stage = STAGES.reading;
    try {
      const { preview, table } = await job.read(
        this.#bytes!,
        this.fileName,
        $state.snapshot(this.choices)
      );
      this.preview = preview;
      this.table = table;
      this.phase = 'preview';
    } catch (error) {
      if (error instanceof CancelledImport) return;
      const message = error instanceof Error ? error.message : String(error);
      if (again && this.preview) {
        this.phase = 'preview';
        this.error = message;
        return;
      }
      this.preview = null;
      this.table = null;
      this.#fail(message);
    } finally {
      this.stage = null;
    }
  }

  /** Writes the deck, in one transaction. */
  async confirm(): Promise<void> {
    if (!this.#job || !this.preview) return;
    this.phase = 'writing';
    this.error = null;
    try {
      const done = await this.#job.commit(this.title);
      this.done = { ...done, title: this.title.trim() || this.preview.title };
      this.phase = 'done';
      this.#job.cancel();
      this.#job = null;
      this.#bytes = null;
    } catch (error) {
      if (error instanceof CancelledImport) return;
      this.phase = 'preview';
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.stage = null;
    }
  }

  /** Stops reading or writing; nothing unfinished is written. */
  cancel(): void {
    this.#job?.cancel();
    this.#job = null;
    this.#bytes = null;
    this.phase = 'choose';
    this.stage = null;
    this.preview = null;
    this.table = null;
    this.error = 'Import cancelled: nothing was written.';
  }

  /** Back to choosing a file. */
  reset(): void {
    this.#job?.cancel();
    this.#job = null;
    this.#bytes = null;
    this.phase = 'choose';
    this.preview = null;
    this.table = null;
    this.error = null;
    this.done = null;
  }

  #fail(message: string): void {
    this.phase = 'choose';
    this.error = message;
  }

  get format(): ImportFormat | null {
    return this.preview?.format ?? null;
  }
}
