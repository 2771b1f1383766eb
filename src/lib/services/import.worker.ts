/**
 * Imports run here, off the main thread: reading a file (unzipping, SQLite, parsing) and
 * writing the deck in one transaction, into the same Dexie database as the page. The page
 * cancels by ending the worker; a read writes nothing, and a write cut short is a
 * transaction that never committed. Readers and SQLite load only when a file needs them.
 */
import { database } from '$lib/db/db';
import type { ImportedDeck } from '$lib/deck/import/to-deck';
import { ImportError, type ImportResult } from '$lib/deck/import/types';
import { systemClock } from './clock';
import { commitImport, previewImport, type ImportFormat } from './import';
import type {
  ImportReply,
  ImportRequest,
  ImportStage,
  TableView,
  TextChoices
} from './import-messages';
import { isStorageFull, writeFailureMessage } from './write-failure';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportReply): void;
};

const stage = (s: ImportStage) => scope.postMessage({ type: 'stage', stage: s });
let pending: ImportedDeck | null = null;

scope.onmessage = async ({ data: request }) => {
  try {
    if (request.type === 'read') {
      const { result, format, table } = await read(
        request.bytes,
        request.fileName,
        request.choices
      );
      stage('checking');
      const { imported, preview } = await previewImport(
        database(),
        result,
        format,
        request.fileName,
        request.now
      );
      pending = imported;
      scope.postMessage({ type: 'preview', preview, table });
    } else {
      if (!pending) throw new ImportError('Choose a file first.');
      stage('writing');
      const done = await commitImport(database(), pending, request.title, request.now, systemClock);
      pending = null;
      scope.postMessage({ type: 'done', ...done });
    }
  } catch (error) {
    scope.postMessage({ type: 'failed', message: describe(error) });
  }
};

function describe(error: unknown): string {
  if (error instanceof ImportError)
    return error.line && !/\bline\b/i.test(error.message)
      ? `Line ${error.line}: ${error.message}`
      : error.message;
  if (isStorageFull(error)) return writeFailureMessage(error);
  return `This file could not be read, and nothing was written: ${writeFailureMessage(error)}`;
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;
const baseName = (fileName: string) => fileName.replace(/\.[^.]+$/, '') || 'Imported cards';

/** Reads the file with the reader its name and content call for. */
async function read(
  bytes: Uint8Array,
  fileName: string,
  choices: TextChoices
): Promise<{ result: ImportResult; format: ImportFormat; table: TableView | null }> {
  const lower = fileName.toLowerCase();
  if (/\.(apkg|colpkg)$/.test(lower) || isZip(bytes)) {
    if (!isZip(bytes))
      throw new ImportError(
        'This is not an Anki package: an .apkg or .colpkg file is a zip archive, and this file is not one.'
      );
    stage('unpacking');
    const [{ readAnkiPackage }, { ankiToImport }, { loadSqlite }] = await Promise.all([
      import('$lib/deck/import/anki-package'),
      import('$lib/deck/import/anki-notes'),
      import('./sqlite')
    ]);
    const collection = readAnkiPackage(bytes, await loadSqlite(), fileName);
    stage('reading');
    return { result: ankiToImport(collection), format: 'anki', table: null };
  }
  stage('reading');
  const text = decodeText(bytes);
  const reader = await import('$lib/deck/import/text');
  const guessed = reader.detectTextFormat(text, fileName);
  const format: ImportFormat =
    choices.format ?? (guessed === 'anki' ? 'anki-text' : guessed === 'tsv' ? 'csv' : guessed);
  const title = baseName(fileName);
  if (format === 'gift') {
    const [{ parseGift }, { giftToImport }] = await Promise.all([
      import('$lib/deck/import/gift'),
      import('$lib/deck/import/gift-notes')
    ]);
    return { result: giftToImport(parseGift(text), title), format, table: null };
  }
  if (format === 'anki-text')
    return { result: reader.readAnkiText(text, title), format, table: null };
  if (format === 'quizlet')
    return {
      result: reader.readQuizlet(
        text,
        choices.quizlet ?? { between: 'tab', cards: 'newline' },
        title
      ),
      format,
      table: null
    };
  const table = reader.readTable(
    text,
    choices.header === undefined ? {} : { header: choices.header }
  );
  const mapping = choices.mapping ?? reader.guessMapping(table);
  const first = table.rows[0]?.cells ?? [];
  const view: TableView = {
    header: table.header,
    columns: table.columns,
    names: Array.from({ length: table.columns }, (_, i) =>
      table.header && first[i]?.trim() ? first[i]!.trim() : `Column ${i + 1}`
    ),
    rows: table.rows.slice(table.header ? 1 : 0, table.header ? 6 : 5).map((r) => r.cells),
    mapping
  };
  return { result: reader.tableToImport(table, mapping, title), format: 'csv', table: view };
}

/** Text from a file: UTF-8 (with or without a byte order mark), or UTF-16 when it says so. */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes.subarray(0, 4096).includes(0))
    throw new ImportError(
      'This file is not text: it holds binary data. Choose a CSV, text, GIFT or Anki file.'
    );
  return new TextDecoder('utf-8').decode(bytes);
}
