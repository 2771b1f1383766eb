/**
 * Build-time access to the built-in collection: reads decks/ from disk, validates it and
 * compiles every deck. Used by the prerendered /decks/*.json routes and by the scripts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import {
  loadCollection,
  type LoadedCollection,
  type ParsedFile,
  type RawCollection
} from '$lib/deck/collection';
import { buildIndex, compileDeck } from '$lib/deck/compile';
import { formatProblem } from '$lib/deck/schema';
import type { DeckFile, DeckIndex } from '$lib/deck/types';

/** The seed of the built-in collection: changing it reshuffles every option list. */
export const COLLECTION_SEED = 'sourcedeck-1';

function readYaml(root: string, path: string): ParsedFile {
  const file = relative(resolve(root, '..'), path);
  try {
    return { file, data: parse(readFileSync(path, 'utf8'), { prettyErrors: true }) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`${file}: not valid YAML: ${message}`, { cause: error });
  }
}

/** Reads a decks folder into parsed files. Throws with the file name on broken YAML. */
export function readCollectionFiles(root: string): RawCollection {
  const dirs = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const badFormsPath = join(root, 'known-bad-forms.yaml');
  const entitiesPath = join(root, 'entities.yaml');
  return {
    sources: readYaml(root, join(root, 'sources.yaml')),
    ...(existsSync(badFormsPath) ? { badForms: readYaml(root, badFormsPath) } : {}),
    ...(existsSync(entitiesPath) ? { entities: readYaml(root, entitiesPath) } : {}),
    decks: dirs
      .filter((dir) => existsSync(join(root, dir, 'deck.yaml')))
      .map((dir) => ({
        folder: dir,
        deck: readYaml(root, join(root, dir, 'deck.yaml')),
        facts: readdirSync(join(root, dir))
          .filter((name) => /^facts(-[a-z0-9-]+)?\.yaml$/.test(name))
          .sort()
          .map((name) => readYaml(root, join(root, dir, name)))
      }))
  };
}

/** Reads the source texts listed in sources.yaml from a folder, where it exists. */
export function readSourceTexts(
  collection: LoadedCollection,
  sourcesDir: string
): Map<string, string> | null {
  if (!existsSync(sourcesDir)) return null;
  const texts = new Map<string, string>();
  for (const source of collection.sources) {
    if (source.file && existsSync(join(sourcesDir, source.file))) {
      texts.set(source.id, readFileSync(join(sourcesDir, source.file), 'utf8'));
    }
  }
  return texts;
}

export interface CompiledCollection {
  index: DeckIndex;
  decks: Map<string, DeckFile>;
}

let cached: CompiledCollection | null = null;

/** The compiled built-in collection; throws listing every problem if the decks are invalid. */
export function builtInCollection(root = resolve('decks')): CompiledCollection {
  if (cached) return cached;
  const loaded = loadCollection(readCollectionFiles(root));
  if (loaded.problems.length > 0) {
    throw new Error(
      `The decks have ${loaded.problems.length} problem(s):\n` +
        loaded.problems.map((p) => `  ${formatProblem(p)}`).join('\n')
    );
  }
  const collection = loaded.decks.flatMap((deck) => deck.facts);
  const decks = new Map(
    loaded.decks.map((deck) => [
      deck.meta.id,
      compileDeck(deck, {
        sources: loaded.sources,
        collection,
        seed: COLLECTION_SEED,
        ...(loaded.entities && { entities: loaded.entities })
      })
    ])
  );
  cached = { index: buildIndex([...decks.values()]), decks };
  return cached;
}
