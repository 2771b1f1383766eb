/** Messages between the page and the import worker. */
import type { QuizletOptions, TableMapping } from '$lib/deck/import/text';
import type { ImportFormat, ImportPreview } from './import';

/** The learner's choices for a text file: how to cut it into cards. */
export interface TextChoices {
  /** Read the text as this format instead of the one guessed. */
  format?: Exclude<ImportFormat, 'anki'>;
  /** CSV: whether the first row names the columns, and which column holds what. */
  header?: boolean;
  mapping?: TableMapping;
  /** Quizlet: the separators chosen when exporting. */
  quizlet?: QuizletOptions;
}

/** A CSV table's first rows, for the screen to let the learner choose the columns. */
export interface TableView {
  header: boolean;
  columns: number;
  /** The header's names, or "Column 1"… when there is none. */
  names: string[];
  rows: string[][];
  mapping: TableMapping;
}

export type ImportRequest =
  | { type: 'read'; bytes: Uint8Array; fileName: string; choices: TextChoices; now: number }
  | { type: 'commit'; title: string; now: number };

export type ImportStage = 'unpacking' | 'reading' | 'checking' | 'writing';

export type ImportReply =
  | { type: 'stage'; stage: ImportStage }
  | { type: 'preview'; preview: ImportPreview; table: TableView | null }
  | { type: 'done'; deckId: string; notes: number; reviews: number }
  | { type: 'failed'; message: string };
