/**
 * Validates a whole collection of decks as read from files (already parsed from YAML):
 * schema, ids, topics, citations, giveaways, known bad forms and, when the source texts
 * are given, that every cited paragraph exists and supports the answer. Pure.
 */
import { checkAnswerEntities, parseEntities, type EntityCatalog } from './entities';
import { normalizeText } from './normalize';
import { splitParagraphs } from './paragraphs';
import { parseBadForms, parseDeckMeta, parseFacts, parseSources, type DeckProblem } from './schema';
import { unsupportedTokens } from './support';
import type { BadForm, Citation, DeckSource, Fact, Source } from './types';

export interface ParsedFile {
  file: string;
  data: unknown;
}

export interface RawDeck {
  folder: string;
  deck: ParsedFile;
  facts: ParsedFile[];
}

export interface RawCollection {
  sources: ParsedFile;
  badForms?: ParsedFile;
  /** The named things answers can be (decks/entities.yaml). */
  entities?: ParsedFile;
  decks: RawDeck[];
}

export interface LoadedCollection {
  decks: DeckSource[];
  sources: Source[];
  badForms: BadForm[];
  entities?: EntityCatalog;
  problems: DeckProblem[];
}

/** Ids of teachers' own decks and facts start with this, so they never meet a built-in one. */
const OWN_PREFIX = 'own-';
const KINDS_NEEDING_VALUE = new Set(['date', 'number']);
const KINDS_NEEDING_LABEL = new Set(['date', 'number', 'person']);

/**
 * @param texts the text of each source by source id; when given, citations are checked
 *   against real paragraphs and answers against what those paragraphs say.
 */
export function loadCollection(
  raw: RawCollection,
  texts?: ReadonlyMap<string, string>
): LoadedCollection {
  const problems: DeckProblem[] = [];
  const sourcesResult = parseSources(raw.sources.file, raw.sources.data);
  problems.push(...sourcesResult.problems);
  const sources = sourcesResult.ok ? sourcesResult.value : [];
  const sourceIds = new Set(sources.map((s) => s.id));

  let badForms: BadForm[] = [];
  if (raw.badForms) {
    const result = parseBadForms(raw.badForms.file, raw.badForms.data);
    problems.push(...result.problems);
    if (result.ok) badForms = result.value;
  }

  const paragraphs = new Map<string, string[]>();
  for (const [id, text] of texts ?? []) paragraphs.set(id, splitParagraphs(text));

  const decks: DeckSource[] = [];
  const factFile = new Map<string, string>();
  for (const rawDeck of raw.decks) {
    const metaResult = parseDeckMeta(rawDeck.deck.file, rawDeck.deck.data);
    problems.push(...metaResult.problems);
    if (!metaResult.ok) continue;
    const meta = metaResult.value;
    if (meta.id.startsWith(OWN_PREFIX)) {
      problems.push({
        file: rawDeck.deck.file,
        field: 'id',
        message: `must not start with "${OWN_PREFIX}": that is kept for teachers' own decks`
      });
    }
    if (meta.id !== rawDeck.folder) {
      problems.push({
        file: rawDeck.deck.file,
        field: 'id',
        message: `must equal the folder name "${rawDeck.folder}"`
      });
    }
    if (rawDeck.facts.length === 0) {
      problems.push({ file: rawDeck.deck.file, message: 'the deck has no facts*.yaml file' });
    }
    const topics = new Set(meta.topics.map((t) => t.id));
    const facts: Fact[] = [];
    for (const file of rawDeck.facts) {
      const parsed = parseFacts(file.file, file.data);
      problems.push(...parsed.problems);
      for (const fact of parsed.facts) {
        const at = { file: file.file, factId: fact.id };
        const earlier = factFile.get(fact.id);
        if (earlier) {
          problems.push({ ...at, field: 'id', message: `is already used in ${earlier}` });
          continue;
        }
        factFile.set(fact.id, file.file);
        if (fact.id.startsWith(OWN_PREFIX)) {
          problems.push({
            ...at,
            field: 'id',
            message: `must not start with "${OWN_PREFIX}": that is kept for teachers' own facts`
          });
        }
        if (!topics.has(fact.topic)) {
          problems.push({
            ...at,
            field: 'topic',
            message: `"${fact.topic}" is not a topic of deck ${meta.id} (${[...topics].join(', ')})`
          });
        }
        problems.push(...checkFact(fact, at.file, sourceIds, paragraphs, badForms));
        facts.push(fact);
      }
    }
    decks.push({ meta, facts });
  }
  for (const deck of raw.decks) {
    for (const file of [deck.deck, ...deck.facts]) problems.push(...checkBadForms(file, badForms));
  }
  let entities: EntityCatalog | undefined;
  if (raw.entities) {
    const parsed = parseEntities(raw.entities.file, raw.entities.data);
    problems.push(...parsed.problems);
    if (parsed.catalog) {
      entities = parsed.catalog;
      problems.push(
        ...checkAnswerEntities(
          decks.flatMap((d) => d.facts),
          entities,
          (fact) => factFile.get(fact.id) ?? ''
        )
      );
    }
  }
  return { decks, sources, badForms, ...(entities && { entities }), problems };
}

function checkFact(
  fact: Fact,
  file: string,
  sourceIds: Set<string>,
  paragraphs: Map<string, string[]>,
  badForms: BadForm[]
): DeckProblem[] {
  const problems: DeckProblem[] = [];
  const at = { file, factId: fact.id };
  const claims = fact.conflict
    ? fact.claims.map((claim, i) => ({ ...claim, field: `claims.${i + 1}` }))
    : [{ ...fact, field: '' }];

  if (KINDS_NEEDING_LABEL.has(fact.kind) && !fact.label) {
    problems.push({ ...at, field: 'label', message: `a ${fact.kind} fact needs a label` });
  }
  for (const claim of claims) {
    const field = (name: string) => [claim.field, name].filter(Boolean).join('.');
    if (KINDS_NEEDING_VALUE.has(fact.kind)) {
      const value = claim.value;
      const fits =
        fact.kind === 'number'
          ? !!value && 'number' in value
          : !!value && ('date' in value || 'year' in value || 'from' in value);
      if (!fits) {
        problems.push({
          ...at,
          field: field('value'),
          message:
            fact.kind === 'number'
              ? 'a number fact needs value: { number, unit }'
              : 'a date fact needs value: { date }, { year } or { from, to }'
        });
      }
    }
    const answer = normalizeText(claim.answer);
    for (const [name, text] of [
      ['prompt', fact.prompt],
      ['label', fact.label]
    ] as const) {
      if (text && answer && ` ${normalizeText(text)} `.includes(` ${answer} `)) {
        problems.push({ ...at, field: name, message: `gives the answer away ("${claim.answer}")` });
      }
    }
    for (const [i, citation] of claim.citations.entries()) {
      problems.push(
        ...checkCitation(
          citation,
          { ...at, field: field(`citations.${i + 1}`) },
          sourceIds,
          paragraphs
        )
      );
    }
    const cited = claim.citations
      .map((c) => (c.para === undefined ? undefined : paragraphs.get(c.source)?.[c.para - 1]))
      .filter((p): p is string => p !== undefined);
    if (cited.length === claim.citations.length && cited.length > 0) {
      const missing = unsupportedTokens(claim.answer, cited, badForms);
      if (missing.length > 0) {
        problems.push({
          ...at,
          field: field('answer'),
          message: `not supported by the cited paragraphs: ${missing.join(', ')} does not occur in them`
        });
      }
    }
  }
  return problems;
}

function checkCitation(
  citation: Citation,
  at: Omit<DeckProblem, 'message'>,
  sourceIds: Set<string>,
  paragraphs: Map<string, string[]>
): DeckProblem[] {
  if (!sourceIds.has(citation.source)) {
    return [{ ...at, message: `source "${citation.source}" is not in sources.yaml` }];
  }
  const paras = paragraphs.get(citation.source);
  if (paras && citation.para !== undefined && citation.para > paras.length) {
    return [
      {
        ...at,
        message: `paragraph ${citation.para} does not exist: ${citation.source} has ${paras.length}`
      }
    ];
  }
  return [];
}

/** Every known bad form found anywhere in a deck file's text. */
function checkBadForms(file: ParsedFile, badForms: BadForm[]): DeckProblem[] {
  const problems: DeckProblem[] = [];
  const visit = (value: unknown, path: string[], factId?: string) => {
    if (typeof value === 'string') {
      for (const form of badForms) {
        if (containsForm(value, form.bad)) {
          problems.push({
            file: file.file,
            ...(factId ? { factId } : {}),
            field: path.join('.'),
            message: `contains the known bad form "${form.bad}"; write "${form.good}"`
          });
        }
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, String(i + 1)], factId));
    } else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const id = typeof record.id === 'string' && path[0] === 'facts' ? record.id : factId;
      for (const [key, child] of Object.entries(record)) {
        visit(child, id !== factId ? [key] : [...path, key], id);
      }
    }
  };
  visit(file.data, []);
  return problems;
}

/** Whole-word, case-sensitive match, so "Ho Chi Min" does not match "Ho Chi Minh". */
function containsForm(text: string, form: string): boolean {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}
