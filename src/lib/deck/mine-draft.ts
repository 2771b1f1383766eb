/**
 * A fact as a learner writes it in the app ("My decks"): the form's fields, checked with the
 * rules and words of a teacher's CSV and YAML (`own.ts`, `fields.ts`, `own-limits.ts`), and
 * put into the deck: its id, kind, statement, topic and source settled. The deck itself is
 * made into questions by `compileMyDeck` (`mine.ts`), which screens load only when needed.
 * Pure: no storage, no DOM.
 */
import * as v from 'valibot';
import { importance, isoDate, kind } from './fields';
import { normalizeText, slugify } from './normalize';
import {
  OWN_LIMITS,
  defaultStatement,
  hasDefaultStatement,
  httpUrl,
  ownFactSchemas,
  ownId,
  ownText
} from './own';
import { DEFAULT_TOPIC, factWarnings, uniqueSlug } from './own-draft';
import type { MyDeckSource, MyFact } from './mine';
import {
  EMPTY_SOURCE,
  canEditInForm,
  type FieldMessages,
  type MyFactDraft,
  type MyFactField
} from './mine-form';
import type { Citation, FactKind, FactValue, Source, Topic } from './types';

export * from './mine-form';

const L = OWN_LIMITS;
const SLUG_WORDS = 12;
const SLUG_CHARS = 56;

export type DraftResult =
  | { ok: true; deck: MyDeckSource; fact: MyFact; warnings: FieldMessages }
  | { ok: false; problems: FieldMessages };

/** A deck's title and description, as in the form that creates or renames it. */
export interface MyDeckMeta {
  title: string;
  description: string;
}

export type MetaResult =
  | { ok: true; meta: { title: string; description: string } }
  | { ok: false; problems: Partial<Record<keyof MyDeckMeta, string>> };

// ---------------------------------------------------------------- the rules, from own.ts

/** A fact written in the app, checked as a teacher's YAML fact is (the same pieces and words). */
const { plainFact } = ownFactSchemas(
  {
    id: ownId(L.maxIdChars),
    kind,
    // Only a statement the learner wrote is checked: the default one is prompt and answer.
    statement: v.optional(ownText(L.maxFieldChars)),
    prompt: ownText(L.maxFieldChars),
    topic: ownId(L.maxIdChars),
    importance,
    explanation: v.optional(ownText(L.maxFieldChars))
  },
  { answer: ownText(L.maxAnswerChars), date: isoDate('text'), claimsAsList: true }
);

const topicTitle = ownText(L.maxTitleChars);
const sourceParts = v.object({
  title: ownText(L.maxFieldChars),
  author: v.optional(ownText(L.maxFieldChars)),
  date: v.optional(isoDate('text')),
  url: v.optional(httpUrl)
});
const deckMeta = v.object({
  title: ownText(L.maxTitleChars),
  description: v.optional(ownText(L.maxFieldChars))
});

/** Where a fact schema's issue is shown in the form. */
function fieldOfPath(path: readonly (string | number)[]): MyFactField {
  const [head, , leaf] = path;
  if (head === 'citations') return leaf === 'para' ? 'source.para' : 'source.title';
  if (head === 'value' || head === 'id' || head === 'kind') return 'answer';
  if (head === 'prompt' || head === 'answer' || head === 'variants') return head;
  if (head === 'statement' || head === 'explanation' || head === 'topic') return head;
  return 'facts';
}

function firstPerField(
  issues: readonly v.BaseIssue<unknown>[],
  fieldOf: (path: (string | number)[]) => MyFactField
): FieldMessages {
  const messages: FieldMessages = {};
  for (const issue of issues) {
    const field = fieldOf((issue.path ?? []).map((item) => item.key as string | number));
    messages[field] ??= issue.message;
  }
  return messages;
}

/** Checks a deck's title and description (trimmed; an empty description is none). */
export function checkDeckMeta(meta: MyDeckMeta): MetaResult {
  const description = meta.description.trim();
  const result = v.safeParse(deckMeta, {
    title: meta.title,
    ...(description && { description })
  });
  if (result.success) {
    return {
      ok: true,
      meta: { title: result.output.title, description: result.output.description ?? '' }
    };
  }
  const problems: Partial<Record<keyof MyDeckMeta, string>> = {};
  for (const issue of result.issues) {
    const key = issue.path?.[0]?.key === 'description' ? 'description' : 'title';
    problems[key] ??= issue.message;
  }
  return { ok: false, problems };
}

// ---------------------------------------------------------------- from the form to a fact

const YEAR = /^[12]\d{3}$/;
const ISO_DAY_OR_MONTH = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;
const MONTH =
  '(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\\.?';
const WRITTEN_DATE = new RegExp(
  `^((\\d{1,2}\\s+${MONTH})|(${MONTH}(\\s+\\d{1,2},?)?))\\s+\\d{3,4}$`,
  'i'
);
const NUMBER = /^[-+−]?\d[\d,.\u00a0\u202f ]*(\s?%)?$/;

/**
 * A fact's kind from its answer, simply: a year or a date is a date, a number a number,
 * anything else a term. The kind decides which wrong options a choice question draws.
 */
export function guessKind(answer: string): FactKind {
  const text = answer.trim();
  if (YEAR.test(text) || ISO_DAY_OR_MONTH.test(text) || WRITTEN_DATE.test(text)) return 'date';
  return NUMBER.test(text) ? 'number' : 'term';
}

/** The value a year or ISO date answer carries: number entry and ordering questions need it. */
function valueOf(answer: string): FactValue | undefined {
  if (YEAR.test(answer)) return { year: Number(answer) };
  if (ISO_DAY_OR_MONTH.test(answer)) return { date: answer };
  return undefined;
}

/** Several answers in one field, separated by `;` (as in a teacher's CSV). */
export function splitVariants(text: string): string[] {
  return text
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean);
}

const sameText = (a: string, b: string) => (normalizeText(a) || a) === (normalizeText(b) || b);

/** What the form shows for a stored fact: its fields, its topic's title and its first source. */
export function draftOfFact(deck: MyDeckSource, fact: MyFact): MyFactDraft {
  const citation = fact.citations[0];
  const source = citation && deck.sources.find((s) => s.id === citation.source);
  return {
    prompt: fact.prompt,
    answer: fact.answer,
    variants: fact.variants.join('; '),
    statement: hasDefaultStatement(fact) ? '' : fact.statement,
    explanation: fact.explanation ?? '',
    topic: deck.topics.find((t) => t.id === fact.topic)?.title ?? '',
    source: source
      ? {
          title: source.title,
          author: source.authors.join(', '),
          date: source.date,
          url: source.url ?? '',
          para: citation.para === undefined ? '' : String(citation.para)
        }
      : { ...EMPTY_SOURCE }
  };
}

/** The fact id prefix of a deck: fact ids are `<deck id>-<slug>`. */
function slugRoom(deckId: string): number {
  return L.maxIdChars - deckId.length - 1;
}

/**
 * The deck with the form's fact in it: added at the end, or in place of the fact `factId`
 * (which keeps its id, so its card and history stay). `retired` are the deck's retired
 * facts: a new fact never takes the id (and the history) of one, and the topics and
 * sources they use stay for when they come back. Problems are worded as a teacher's file reader words
 * them; warnings (no source, a prompt that gives the answer away, a statement without the
 * answer) do not stop the fact.
 */
export function putDraft(
  deck: MyDeckSource,
  draft: MyFactDraft,
  options: { factId?: string; retired: readonly MyFact[] }
): DraftResult {
  const problems: FieldMessages = {};
  const existing = options.factId ? deck.facts.find((f) => f.id === options.factId) : undefined;
  if (options.factId && !existing) {
    return { ok: false, problems: { facts: 'this fact is no longer in the deck' } };
  }
  if (existing && !canEditInForm(existing)) {
    return { ok: false, problems: { facts: 'an imported note of this kind cannot be edited' } };
  }
  const prompt = draft.prompt.trim();
  const answer = draft.answer.trim();
  const statement = draft.statement.trim();
  const explanation = draft.explanation.trim();
  const variants = splitVariants(draft.variants);

  // The topic: the deck's with this title, or a new one.
  const title = draft.topic.trim() || DEFAULT_TOPIC.title;
  let topic: Topic | undefined = deck.topics.find((t) => sameText(t.title, title));
  let topics = deck.topics;
  if (!topic) {
    const checked = v.safeParse(topicTitle, title);
    if (!checked.success) problems.topic = checked.issues[0]?.message;
    else if (deck.topics.length >= L.maxTopics) {
      problems.topic = `may have at most ${L.maxTopics} topics: choose one of the deck's`;
    } else {
      const taken = new Set(deck.topics.map((t) => t.id));
      const id = uniqueSlug(slugify(checked.output) || 'topic', taken, 40);
      topic = { id, title: checked.output };
      topics = [...deck.topics, topic];
    }
  }

  // The source: the deck's with this title (its details updated), or a new one.
  const s = draft.source;
  const sourceText = {
    title: s.title.trim(),
    author: s.author.trim(),
    date: s.date.trim(),
    url: s.url.trim()
  };
  const para = s.para.trim();
  let sources = deck.sources;
  let citations: Citation[] = [];
  let sourceId = 'source';
  if (Object.values(sourceText).some(Boolean) || para) {
    const checked = v.safeParse(sourceParts, {
      title: sourceText.title,
      ...(sourceText.author && { author: sourceText.author }),
      ...(sourceText.date && { date: sourceText.date }),
      ...(sourceText.url && { url: sourceText.url })
    });
    if (!checked.success) {
      for (const issue of checked.issues) {
        const key = `source.${String(issue.path?.[0]?.key ?? 'title')}` as MyFactField;
        problems[key] ??= issue.message;
      }
    } else {
      const found = deck.sources.find((x) => sameText(x.title, checked.output.title));
      if (!found && deck.sources.length >= L.maxSources) {
        problems['source.title'] =
          `may have at most ${L.maxSources} sources: choose one of the deck's`;
      } else {
        const taken = new Set(deck.sources.map((x) => x.id));
        const source: Source = {
          ...found,
          id: found?.id ?? uniqueSlug(slugify(checked.output.title, 4) || 'source', taken, 40),
          title: checked.output.title,
          authors: checked.output.author ? [checked.output.author] : [],
          outlet: found?.outlet ?? '',
          date: checked.output.date ?? ''
        };
        if (checked.output.url) source.url = checked.output.url;
        else delete source.url;
        sources = found
          ? deck.sources.map((x) => (x.id === found.id ? source : x))
          : [...deck.sources, source];
        sourceId = source.id;
      }
    }
    // The paragraph is checked with the fact's citation, even when the source was refused.
    citations = [{ source: sourceId, ...(para && { para: Number(para) }) }];
  }

  if (!existing && deck.facts.length >= L.maxFacts) {
    problems.facts = `may have at most ${L.maxFacts} facts`;
  }
  const promptKey = normalizeText(prompt);
  const twin = promptKey
    ? deck.facts.find((f) => f.id !== existing?.id && normalizeText(f.prompt) === promptKey)
    : undefined;
  if (twin) problems.prompt = 'repeats the prompt of another fact of this deck';

  const takenSlugs = new Set(
    [...deck.facts, ...options.retired].map((f) => f.id.slice(deck.id.length + 1))
  );
  // Prompts written one after another often start alike ("What is the chemical symbol
  // for…"): the slug takes more words than a teacher's file does, so ids tell them apart.
  const slug = slugify(prompt, SLUG_WORDS, SLUG_CHARS) || 'fact';
  const id = existing?.id ?? `${deck.id}-${uniqueSlug(slug, takenSlugs, slugRoom(deck.id))}`;
  const kindOfAnswer = guessKind(answer);
  const value = kindOfAnswer === 'date' ? valueOf(answer) : undefined;
  const checkable = {
    id,
    kind: kindOfAnswer,
    ...(statement && { statement }),
    prompt,
    topic: topic?.id ?? DEFAULT_TOPIC.id,
    importance: existing?.importance ?? 2,
    ...(explanation && { explanation }),
    answer,
    variants,
    ...(existing?.distractors && { distractors: existing.distractors }),
    ...(value && { value }),
    citations
  };
  const checked = v.safeParse(plainFact, checkable);
  if (!checked.success) {
    const messages = firstPerField(checked.issues, fieldOfPath);
    for (const [field, message] of Object.entries(messages) as [MyFactField, string][]) {
      problems[field] ??= message;
    }
  }
  if (Object.keys(problems).length > 0 || !checked.success) return { ok: false, problems };

  const fact: MyFact = {
    ...(existing && {
      ...(existing.imported && { imported: existing.imported }),
      ...(existing.image && { image: existing.image }),
      ...(existing.label !== undefined && { label: existing.label }),
      ...(existing.era !== undefined && { era: existing.era }),
      ...(existing.note !== undefined && { note: existing.note })
    }),
    id,
    kind: kindOfAnswer,
    statement: statement || defaultStatement(prompt, answer),
    prompt,
    topic: checkable.topic,
    importance: checkable.importance,
    ...(explanation && { explanation }),
    answer,
    variants,
    ...(existing?.distractors && { distractors: existing.distractors }),
    ...(value && { value }),
    citations
  };
  const facts = existing
    ? deck.facts.map((f) => (f.id === existing.id ? fact : f))
    : [...deck.facts, fact];
  const warnings: FieldMessages = {};
  for (const warning of factWarnings(fact, { line: null })) {
    const field: MyFactField =
      warning.field === 'prompt' || warning.field === 'statement' ? warning.field : 'source.title';
    warnings[field] ??= warning.message;
  }
  return {
    ok: true,
    deck: tidy({ ...deck, topics, sources, facts }, options.retired),
    fact,
    warnings
  };
}

/**
 * The deck with only the topics and sources that a fact (live, or retired and able to come
 * back) still uses, in their order.
 */
export function tidy(deck: MyDeckSource, retired: readonly MyFact[]): MyDeckSource {
  const all = [...deck.facts, ...retired];
  const topicIds = new Set(all.map((f) => f.topic));
  const cited = new Set(all.flatMap((f) => f.citations.map((c) => c.source)));
  return {
    ...deck,
    topics: deck.topics.filter((t) => topicIds.has(t.id)),
    sources: deck.sources.filter((s) => cited.has(s.id))
  };
}
