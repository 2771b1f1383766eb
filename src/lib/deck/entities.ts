/**
 * Named things an answer can be (people, countries, places, organisations…), each described
 * once with what a question can constrain: its type and subtype, its country and the years
 * it mattered. Wrong options are drawn only from entities that fit the answer's description,
 * so a question about a Vietnamese general offers Vietnamese military figures of the time,
 * never a US president or a city. Pure.
 */
import { normalizeText } from './normalize';
import type { DeckProblem } from './schema';
import type { Era, Fact, Question } from './types';

export const ENTITY_TYPES = [
  'person',
  'country',
  'province',
  'city',
  'place',
  'company',
  'organisation',
  'publication',
  'war',
  'policy',
  'period',
  'event',
  'term'
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface Entity {
  name: string;
  aliases: string[];
  type: EntityType;
  subtype: string;
  /** The nation it belongs to, as a slug ("vietnam", "north-korea"), or "international". */
  country?: string;
  /** The years it was active or relevant, first and last. */
  years?: [number, number];
}

/** What a fact's answer names: one entity, several (a list answer), or nothing named. */
export type AnswerEntities = string | string[] | null;

/** Fact kinds whose answers are named things, described in the catalogue. */
export const NAMED_KINDS = new Set(['person', 'place', 'organization', 'term', 'event']);

export class EntityCatalog {
  readonly entities: readonly Entity[];
  readonly #byKey = new Map<string, Entity>();
  readonly #answers: ReadonlyMap<string, AnswerEntities>;

  constructor(entities: readonly Entity[], answers: ReadonlyMap<string, AnswerEntities>) {
    this.entities = entities;
    for (const entity of entities) {
      for (const name of [entity.name, ...entity.aliases]) {
        const key = normalizeText(name);
        if (key && !this.#byKey.has(key)) this.#byKey.set(key, entity);
      }
    }
    this.#answers = answers;
  }

  /** The entity a text names, by its name or an alias. */
  find(text: string): Entity | undefined {
    return this.#byKey.get(normalizeText(text));
  }

  /** Whether the catalogue says what a fact's answer names (null counts: "nothing named"). */
  describes(factId: string): boolean {
    return this.#answers.has(factId);
  }

  /** The single entity a fact's answer names, if it names exactly one. */
  answerEntity(factId: string): Entity | undefined {
    const named = this.#answers.get(factId);
    return typeof named === 'string' ? this.find(named) : undefined;
  }

  /**
   * Entities that could stand in a question whose right answer is `answer`: the same type
   * and subtype, the same country where the answer is bound to one, and (people, states,
   * bodies, companies, publications) active or in being at some point of the fact's era.
   */
  alternativesTo(answer: Entity, era?: Era): Entity[] {
    return this.entities.filter((e) => e !== answer && fits(e, answer, era));
  }
}

/** Whether `candidate` is the same kind of thing as `answer`, for a question of `era`. */
export function fits(candidate: Entity, answer: Entity, era?: Era): boolean {
  if (candidate.type !== answer.type || candidate.subtype !== answer.subtype) return false;
  if (countryBound(answer) && candidate.country !== answer.country) return false;
  if (era && candidate.years && IN_BEING.has(answer.type)) {
    const [from, to] = eraYears(era);
    // Active (a person, give or take a few years) or in being (a state, a body) at some
    // point of the era: no Soviet Union in a question about 2019.
    const slack = answer.type === 'person' ? 5 : 0;
    if (candidate.years[1] < from - slack || candidate.years[0] > to + slack) return false;
  }
  return true;
}

/**
 * A question about something of one country names that country, in words or by context
 * ("which Vietnamese general", "which Vietnamese citizen", "North Korea's official news
 * agency"), so its wrong options are of that country too. Not so for countries themselves,
 * for what is international, or for scholars and journalists, who are asked about their
 * work, written from anywhere.
 */
function countryBound(answer: Entity): boolean {
  if (!answer.country || answer.country === 'international' || answer.type === 'country')
    return false;
  return answer.type !== 'person' || !WRITERS.has(answer.subtype);
}

const WRITERS = new Set(['scholar', 'journalist']);

/**
 * Types whose members come and go, so a question of one time offers only those of its
 * time. Wars, policies, terms and events are names from history that any question about
 * a war, a policy or a term can offer.
 */
const IN_BEING: ReadonlySet<EntityType> = new Set([
  'person',
  'country',
  'organisation',
  'company',
  'publication'
]);

function eraYears(era: Era): [number, number] {
  const [from, to] = era.split('-').map(Number);
  return [from ?? 0, to ?? from ?? 9999];
}

/** Reads the catalogue file; every problem is reported with where it is. */
export function parseEntities(
  file: string,
  data: unknown
): { catalog: EntityCatalog | null; problems: DeckProblem[] } {
  const problems: DeckProblem[] = [];
  const problem = (message: string, field?: string) =>
    problems.push({ file, message, ...(field && { field }) });
  if (!isRecord(data) || !Array.isArray(data.entities) || !isRecord(data.answers)) {
    problem('expected `entities:` (a list) and `answers:` (fact id → entity name)');
    return { catalog: null, problems };
  }
  const entities: Entity[] = [];
  const seen = new Map<string, string>();
  data.entities.forEach((raw: unknown, i: number) => {
    const field = `entities[${i}]`;
    if (!isRecord(raw) || typeof raw.name !== 'string' || !raw.name.trim()) {
      problem('an entity needs a `name`', field);
      return;
    }
    const name = raw.name;
    if (!ENTITY_TYPES.includes(raw.type as EntityType)) {
      problem(`${name}: type must be one of ${ENTITY_TYPES.join(', ')}`, field);
      return;
    }
    if (typeof raw.subtype !== 'string' || !raw.subtype) {
      problem(`${name}: needs a subtype`, field);
      return;
    }
    const aliases = Array.isArray(raw.aliases)
      ? raw.aliases.filter((a): a is string => typeof a === 'string')
      : [];
    const years =
      Array.isArray(raw.years) &&
      raw.years.length === 2 &&
      raw.years.every((y) => Number.isInteger(y)) &&
      (raw.years[0] as number) <= (raw.years[1] as number)
        ? ([raw.years[0], raw.years[1]] as [number, number])
        : undefined;
    if (raw.years !== undefined && !years)
      problem(`${name}: years must be [first, last], first not after last`, field);
    for (const text of [name, ...aliases]) {
      const key = normalizeText(text);
      const other = seen.get(key);
      if (other !== undefined && other !== name)
        problem(`"${text}" names both ${other} and ${name}`, field);
      seen.set(key, name);
    }
    entities.push({
      name,
      aliases,
      type: raw.type as EntityType,
      subtype: raw.subtype,
      ...(typeof raw.country === 'string' && { country: raw.country }),
      ...(years && { years })
    });
  });
  const answers = new Map<string, AnswerEntities>();
  for (const [factId, named] of Object.entries(data.answers)) {
    const names = named === null ? [] : Array.isArray(named) ? named : [named];
    if (!names.every((n): n is string => typeof n === 'string')) {
      problem(`answers › ${factId}: an entity name, a list of names, or null`);
      continue;
    }
    for (const n of names)
      if (!seen.has(normalizeText(n)))
        problem(`answers › ${factId}: "${n}" is not described under entities`);
    answers.set(
      factId,
      named === null ? null : Array.isArray(named) ? (named as string[]) : (named as string)
    );
  }
  return { catalog: new EntityCatalog(entities, answers), problems };
}

/** The rule the catalogue keeps over the facts: every named answer says what it names. */
export function checkAnswerEntities(
  facts: readonly Fact[],
  catalog: EntityCatalog,
  fileOf: (fact: Fact) => string
): DeckProblem[] {
  const problems: DeckProblem[] = [];
  for (const fact of facts) {
    if (fact.conflict || !NAMED_KINDS.has(fact.kind)) continue;
    if (!catalog.describes(fact.id)) {
      problems.push({
        file: fileOf(fact),
        factId: fact.id,
        field: 'answer',
        message: `"${fact.answer}" names a ${fact.kind}, but decks/entities.yaml does not say which entity (add it under answers, or null if nothing named)`
      });
    }
  }
  return problems;
}

/**
 * Rules over generated choice questions: every option that names an entity is of the
 * answer's kind (type, subtype, country and era, as `fits` says), and no two options are
 * the same text or name the same thing.
 */
export function checkChoiceOptions(
  questions: readonly Question[],
  facts: ReadonlyMap<string, Fact>,
  catalog: EntityCatalog,
  fileOf: (fact: Fact) => string
): DeckProblem[] {
  const problems: DeckProblem[] = [];
  for (const question of questions) {
    if (question.kind !== 'choice') continue;
    const fact = facts.get(question.factIds[0] ?? '');
    if (!fact) continue;
    const at = { file: fileOf(fact), factId: fact.id, field: question.id };
    const texts = new Set<string>();
    const things = new Map<string, string>();
    for (const option of question.options) {
      const key = normalizeText(option);
      if (texts.has(key)) problems.push({ ...at, message: `the option "${option}" appears twice` });
      texts.add(key);
      const entity = catalog.find(option);
      if (!entity) continue;
      const same = things.get(entity.name);
      if (same !== undefined)
        problems.push({
          ...at,
          message: `"${same}" and "${option}" name the same thing (${entity.name})`
        });
      things.set(entity.name, option);
    }
    const answer = fact.conflict ? undefined : catalog.answerEntity(fact.id);
    if (!answer) continue;
    for (const option of question.options) {
      const entity = catalog.find(option);
      if (!entity || entity === answer) continue;
      if (!fits(entity, answer, fact.era)) {
        problems.push({
          ...at,
          message: `the wrong option "${option}" (${describe(entity)}) is not the kind of thing the answer "${question.answer}" is (${describe(answer)})`
        });
      }
    }
  }
  return problems;
}

function describe(entity: Entity): string {
  const years = entity.years ? `, ${entity.years[0]}–${entity.years[1]}` : '';
  return `${entity.type}/${entity.subtype}${entity.country ? `, ${entity.country}` : ''}${years}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
