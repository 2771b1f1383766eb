/**
 * An Anki collection (read by `anki-package.ts`) made into neutral notes for the preview.
 *
 * The cards are what is walked, not the notes: Anki makes a card only where a template
 * gives a question (an optional reversed card exists only where the learner asked for
 * one), and every card has its own review history. So:
 * - a card of a normal note type becomes a `CardNote`: the fields its question template
 *   shows are the prompt, the fields only its answer template adds are the answer (the
 *   first) and the explanation (the others). That gives Basic Front → Back, the reversed
 *   card of Basic (and reversed / optional reversed) Back → Front, and for Basic (type in
 *   the answer) the `{{type:Back}}` field as an answer to type;
 * - a card of a cloze note type becomes the `ClozeNote` of its number (card n ↔ `{{c(n+1)::}}`),
 *   with the other fields its answer shows (Back Extra) as the explanation;
 * - a card of an Image Occlusion note becomes an `OcclusionNote`: the picture, the shapes
 *   over it and the gap of its number (card n ↔ `{{c(n+1)::image-occlusion:…}}`) to recall;
 * - a note whose note type cannot be read that way (a template that shows no field)
 *   becomes one `CardNote` per note: its first field with text as the prompt and
 *   its other fields as the answer, said in a warning.
 * Field HTML becomes safe text; a picture (`<img>`) the question shows is kept when the
 * package has it, it really is a PNG, JPEG, GIF or WebP and is at most 1 MB; sounds and
 * videos are removed and counted. Pictures are read from the zip only when a card uses them.
 * Pure: no storage, no DOM.
 */
import { plural } from '$lib/format';
import { clozeNotes } from './cloze';
import { occlusionTargets, parseOcclusions } from './occlusion';
import { decodeEntities, escapeSafeText, htmlToSafeText } from './html-text';
import type { AnkiCard, AnkiCollection, AnkiMedia, AnkiNote, AnkiNoteType } from './anki-package';
import {
  ImportError,
  type ClozeNote,
  type ImportedNote,
  type ImportedReview,
  type ImportResult,
  type ImportSkip
} from './types';

/** The largest picture kept with a question. */
export const MAX_IMAGE_BYTES = 1024 * 1024;

/** What the preview says about the package before anything is written. */
export interface AnkiImportCounts {
  /** Anki notes in the package. */
  notes: number;
  /** Anki cards in the package. */
  cards: number;
  /** Rows of the package's review log. */
  reviews: number;
  /** Notes of our own made from the cards. */
  imported: number;
  /** Review-log rows kept as the history of those notes. */
  history: number;
  /** Cards that gave no note of their own (skipped, or a further card of a note read as one). */
  skippedCards: number;
}

export interface AnkiImportResult extends ImportResult {
  counts: AnkiImportCounts;
}

/** Template fields that are not note fields. */
const SPECIAL_FIELDS = new Set([
  'FrontSide',
  'Tags',
  'Type',
  'Deck',
  'Subdeck',
  'Card',
  'CardFlag',
  'CardID'
]);
const VIDEO_EXTENSIONS = new Set([
  'mp4',
  'webm',
  'mov',
  'mkv',
  'avi',
  'ogv',
  'mpg',
  'mpeg',
  'm4v',
  'flv',
  'wmv',
  '3gp'
]);
/** Anki's revlog types 0 to 3; 4 (manual) and 5 (rescheduled) are both `manual` here. */
const REVIEW_TYPES = ['learn', 'review', 'relearn', 'filtered'] as const;
/** The stock kind Anki gives Image Occlusion note types. */
const IMAGE_OCCLUSION = 6;

// ---------------------------------------------------------------------------------------
// Templates

interface TemplateRefs {
  /** Fields shown as text, in the order they appear. */
  shown: string[];
  /** The field of `{{type:Field}}`, if any. */
  typed: string | null;
  /** Fields shown as a hint (`{{hint:Field}}`). */
  hints: string[];
  /** Fields shown as cloze (`{{cloze:Field}}`). */
  cloze: string[];
}

/** The fields a template format refers to, by how it shows them. */
function templateRefs(format: string): TemplateRefs {
  const refs: TemplateRefs = { shown: [], typed: null, hints: [], cloze: [] };
  const add = (list: string[], name: string) => {
    if (!list.includes(name)) list.push(name);
  };
  for (const match of format.matchAll(/\{\{([^{}]*)\}\}/g)) {
    const inner = (match[1] ?? '').trim();
    if (!inner || '#^/!'.includes(inner[0] as string)) continue;
    const parts = inner.split(':');
    const name = (parts.pop() ?? '').trim();
    const filters = parts.map((filter) => filter.trim().toLowerCase());
    if (!name || SPECIAL_FIELDS.has(name)) continue;
    if (filters.some((filter) => filter.startsWith('tts'))) continue;
    if (filters.includes('cloze') || filters.includes('cloze-only')) {
      if (!filters.includes('type')) add(refs.cloze, name);
    } else if (filters.includes('type')) refs.typed ??= name;
    else if (filters.includes('hint')) add(refs.hints, name);
    else add(refs.shown, name);
  }
  return refs;
}

/** How the cards of one note type become notes. */
type Plan =
  | { form: 'cloze'; text: number; extra: number[] }
  | { form: 'card'; templates: Map<number, CardPlan | null> }
  | { form: 'occlusion'; header: number[]; extra: number[] }
  | { form: 'other' };

interface CardPlan {
  question: number[];
  /** The field to type, when the question asks for one. */
  typed: number | null;
  answer: number[];
  /** Fields shown after the answer besides it (further answer fields, hints). */
  explanation: number[];
}

function fieldIndex(noteType: AnkiNoteType): (name: string) => number {
  return (name) => {
    const exact = noteType.fields.indexOf(name);
    if (exact >= 0) return exact;
    const lower = name.toLowerCase();
    return noteType.fields.findIndex((field) => field.toLowerCase() === lower);
  };
}

function indexes(
  names: string[],
  index: (name: string) => number,
  except: number[] = []
): number[] {
  const out: number[] = [];
  for (const name of names) {
    const i = index(name);
    if (i >= 0 && !except.includes(i) && !out.includes(i)) out.push(i);
  }
  return out;
}

function planOf(noteType: AnkiNoteType): Plan {
  const index = fieldIndex(noteType);
  const occlusion =
    noteType.stockKind === IMAGE_OCCLUSION ||
    noteType.templates.some((template) => template.question.includes('image-occlusion'));
  if (occlusion)
    return {
      form: 'occlusion',
      header: indexes(['Header'], index),
      extra: indexes(['Back Extra', 'Comments'], index)
    };
  if (noteType.kind === 'cloze') {
    const template = noteType.templates[0];
    if (!template) return { form: 'other' };
    const question = templateRefs(template.question);
    const answer = templateRefs(template.answer);
    const text = indexes([...question.cloze, ...answer.cloze], index)[0];
    if (text === undefined) return { form: 'other' };
    const shownOnQuestion = indexes(question.shown, index);
    let extra = indexes([...answer.shown, ...answer.hints, ...question.hints], index, [
      text,
      ...shownOnQuestion
    ]);
    if (extra.length === 0)
      extra = noteType.fields
        .map((name, i) => (/^(back )?extra$/i.test(name.trim()) ? i : -1))
        .filter((i) => i >= 0 && i !== text);
    return { form: 'cloze', text, extra };
  }
  const templates = new Map<number, CardPlan | null>();
  for (const template of noteType.templates) {
    const question = templateRefs(template.question);
    const answer = templateRefs(template.answer);
    const shown = indexes(question.shown, index);
    const typedIndex = question.typed === null ? -1 : index(question.typed);
    const typed = typedIndex >= 0 ? typedIndex : null;
    const onAnswer = indexes(
      [...(answer.typed ? [answer.typed] : []), ...answer.shown],
      index,
      shown
    );
    const answerFields = typed === null ? onAnswer : [typed];
    const explanation = [
      ...onAnswer.filter((i) => !answerFields.includes(i)),
      ...indexes([...question.hints, ...answer.hints], index, [...shown, ...onAnswer])
    ];
    templates.set(
      template.ord,
      shown.length > 0 && answerFields.length > 0
        ? { question: shown, typed, answer: answerFields, explanation }
        : null
    );
  }
  return { form: 'card', templates };
}

// ---------------------------------------------------------------------------------------
// Fields and their media

interface FieldContent {
  /** The field's HTML without its sound references (and, for Image Occlusion, its masks). */
  html: string;
  /** Its safe text. */
  text: string;
  /** The names its `<img>` tags refer to. */
  images: string[];
}

interface MediaSeen {
  audio: Set<string>;
  video: Set<string>;
}

function isVideo(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && VIDEO_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

/** A tag's `src` attribute, decoded. */
function srcOf(attributes: string): string | null {
  const match = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attributes);
  if (!match) return null;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '').trim();
}

/**
 * Removes Image Occlusion's masks (`{{c1::image-occlusion:rect:left=…}}`): they are shapes
 * over the picture, not text.
 */
function withoutMasks(html: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const start = html.indexOf('{{c', at);
    if (start < 0) break;
    const marker = /^\{\{c[0-9]{1,5}::image-occlusion:/.exec(html.slice(start, start + 40));
    const end = marker ? html.indexOf('}}', start) : -1;
    if (!marker || end < 0) {
      out += html.slice(at, start + 3);
      at = start + 3;
      continue;
    }
    out += html.slice(at, start);
    at = end + 2;
  }
  return out + html.slice(at);
}

/** A field's content: sound references removed and counted, pictures listed. */
function readField(raw: string, seen: MediaSeen, occlusion: boolean): FieldContent {
  let html = '';
  let at = 0;
  for (;;) {
    const start = raw.indexOf('[sound:', at);
    const end = start < 0 ? -1 : raw.indexOf(']', start + 7);
    if (end < 0) break;
    const name = decodeEntities(raw.slice(start + 7, end)).trim();
    if (name) (isVideo(name) ? seen.video : seen.audio).add(name);
    html += raw.slice(at, start);
    at = end + 1;
  }
  html += raw.slice(at);
  if (occlusion) html = withoutMasks(html);
  const images: string[] = [];
  // [^<>]* stops at the next '<': a run of unclosed tags is read in one pass.
  for (const match of html.matchAll(/<(img|audio|video|source)\b([^<>]*)>/gi)) {
    const src = srcOf(match[2] ?? '');
    if (!src) continue;
    const tag = (match[1] ?? '').toLowerCase();
    if (tag === 'img') images.push(src);
    else if (tag === 'video' || isVideo(src)) seen.video.add(src);
    else seen.audio.add(src);
  }
  return { html, text: htmlToSafeText(html), images };
}

type ImageResult = { image: NonNullable<ImportedNote['image']> } | { problem: ImageProblem };

type ImageProblem = 'missing' | 'web' | 'too-large' | 'not-image' | 'damaged';

const IMAGE_PROBLEMS: Record<ImageProblem | 'answer-side' | 'extra', string> = {
  missing: 'they are not in the package',
  web: 'they are on the web or embedded, not in the package',
  'too-large': 'they are larger than 1 MB',
  'not-image': 'they are not PNG, JPEG, GIF or WebP pictures',
  damaged: 'they could not be read from the package',
  'answer-side': 'they are on the answer side, and only a picture with the question is kept',
  extra: 'a question keeps one picture, and these were further ones'
};

/** The picture type of some bytes, by their first bytes (SVG and anything else: none). */
export function imageType(bytes: Uint8Array): string | undefined {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (
    starts(0x47, 0x49, 0x46, 0x38) &&
    (bytes[4] === 0x37 || bytes[4] === 0x39) &&
    bytes[5] === 0x61
  )
    return 'image/gif';
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp';
  return undefined;
}

function loadImage(src: string, media: AnkiMedia): ImageResult {
  if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(src)) return { problem: 'web' };
  let name = src;
  if (media.size(name) === undefined) {
    try {
      const decoded = decodeURIComponent(src);
      if (media.size(decoded) !== undefined) name = decoded;
    } catch {
      // Not URL-encoded: the name as written.
    }
  }
  const size = media.size(name);
  if (size === undefined) return { problem: 'missing' };
  if (size > MAX_IMAGE_BYTES) return { problem: 'too-large' };
  let data: Uint8Array | undefined;
  try {
    data = media.read(name, MAX_IMAGE_BYTES);
  } catch (error) {
    if (error instanceof ImportError) return { problem: 'damaged' };
    throw error;
  }
  if (!data) return { problem: 'missing' };
  if (data.length > MAX_IMAGE_BYTES) return { problem: 'too-large' };
  const type = imageType(data);
  if (!type) return { problem: 'not-image' };
  return { image: { name, type, data } };
}

// ---------------------------------------------------------------------------------------

/** The file name without its folder and extension: a title when the decks give none. */
function baseName(fileName: string): string {
  const name = fileName.split(/[/\\]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? name.slice(0, dot) : name).trim();
}

/** Plain text (a deck name, a tag) as safe text: control characters out, asterisks escaped. */
function plainToSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeSafeText(text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim());
}

/**
 * The notes of an Anki collection, for the preview. `media` reads a media file by name
 * when a card shows it (by default the package's own zip, read lazily).
 */
export function ankiToImport(
  collection: AnkiCollection,
  media: AnkiMedia = collection.media
): AnkiImportResult {
  const notesById = new Map<number, AnkiNote>();
  for (const note of collection.notes) notesById.set(note.id, note);
  const reviewsByCard = new Map<number, ImportedReview[]>();
  for (const row of [...collection.revlog].sort((a, b) => a.id - b.id)) {
    const review = importedReview(row);
    if (!review) continue;
    const list = reviewsByCard.get(row.cardId);
    if (list) list.push(review);
    else reviewsByCard.set(row.cardId, [review]);
  }
  const cards = [...collection.cards].sort(
    (a, b) => a.noteId - b.noteId || a.ord - b.ord || a.id - b.id
  );

  const plans = new Map<number, Plan>();
  const images = new Map<string, ImageResult>();
  const seen: MediaSeen = { audio: new Set(), video: new Set() };
  const imageProblems = new Map<keyof typeof IMAGE_PROBLEMS, Set<string>>();
  const skippedCards = new Map<string, number>();
  /** Notes read as first field + the rest, by note type: how many, how many cards, any skipped. */
  const others = new Map<string, { notes: number; extraCards: number; empty: number }>();
  const otherDone = new Set<number>();
  const keys = new Set<string>();
  const out: ImportedNote[] = [];
  let history = 0;
  let cardsUsed = 0;
  let occlusionCards = 0;

  const problem = (kind: keyof typeof IMAGE_PROBLEMS, name: string) => {
    const set = imageProblems.get(kind) ?? new Set<string>();
    set.add(name);
    imageProblems.set(kind, set);
  };
  const skipCard = (why: string) => skippedCards.set(why, (skippedCards.get(why) ?? 0) + 1);

  // Field contents of the note being read (cards come sorted by note).
  let fieldsNote: AnkiNote | null = null;
  let fieldsCache: (FieldContent | undefined)[] = [];
  let fieldsOcclusion = false;
  let clozeCache: ClozeNote[] | null = null;
  const field = (note: AnkiNote, i: number, occlusion: boolean): FieldContent => {
    if (fieldsNote !== note || fieldsOcclusion !== occlusion) {
      fieldsNote = note;
      fieldsOcclusion = occlusion;
      fieldsCache = [];
      clozeCache = null;
    }
    let content = fieldsCache[i];
    if (!content) {
      content = readField(note.fields[i] ?? '', seen, occlusion);
      fieldsCache[i] = content;
    }
    return content;
  };

  /** The picture of a question: the first of `names` that can be shown; the others are counted. */
  const pictureOf = (names: string[]) => {
    let image: ImportedNote['image'];
    for (const name of names) {
      if (image) {
        if (name !== image.name) problem('extra', name);
        continue;
      }
      let result = images.get(name);
      if (!result) {
        result = loadImage(name, media);
        images.set(name, result);
      }
      if ('image' in result) image = result.image;
      else problem(result.problem, name);
    }
    return image;
  };

  const topicOf = (card: AnkiCard): string | undefined => {
    const deck = collection.decks.get(card.originalDeckId) ?? collection.decks.get(card.deckId);
    const levels = (deck?.name ?? '').split('::').map((level) => level.trim());
    if (levels.length < 2) return undefined;
    const topic = plainToSafe(levels.at(-1) ?? '');
    return topic || undefined;
  };

  const common = (card: AnkiCard, note: AnkiNote) => {
    const topic = topicOf(card);
    const tags = [...new Set(note.tags.map(plainToSafe).filter((tag) => tag.length > 0))];
    const reviews = reviewsByCard.get(card.id) ?? [];
    history += reviews.length;
    return {
      ...(topic && { topic }),
      ...(tags.length > 0 && { tags }),
      ...(card.queue === -1 && { suspended: true }),
      ...(reviews.length > 0 && { history: reviews })
    };
  };

  for (const card of cards) {
    const note = notesById.get(card.noteId);
    const noteType = note && collection.noteTypes.get(note.noteTypeId);
    if (!note || !noteType) {
      skipCard('their note or its note type is missing from the package');
      continue;
    }
    let plan = plans.get(noteType.id);
    if (!plan) {
      plan = planOf(noteType);
      plans.set(noteType.id, plan);
    }
    const keyBase = note.guid || `note-${note.id}`;
    const key = `${keyBase}:${card.ord}`;
    if (keys.has(key)) {
      skipCard('another card of the package has the same note and template');
      continue;
    }

    if (plan.form === 'cloze') {
      const text = field(note, plan.text, false);
      const extras = plan.extra.map((i) => field(note, i, false));
      clozeCache ??= clozeNotes(
        text.html,
        extras.map((extra) => extra.html).join('<br><br>'),
        keyBase
      );
      const cloze = clozeCache.find((candidate) => candidate.key === key);
      if (!cloze) {
        skipCard('their cloze gap is empty or missing');
        continue;
      }
      const image = pictureOf(text.images);
      for (const extra of extras) for (const name of extra.images) problem('answer-side', name);
      keys.add(key);
      cardsUsed += 1;
      out.push({ ...cloze, key, ...(image && { image }), ...common(card, note) });
      continue;
    }

    const cardPlan = plan.form === 'card' ? plan.templates.get(card.ord) : null;
    if (cardPlan) {
      const question = cardPlan.question.map((i) => field(note, i, false));
      const prompt = question
        .map((content) => content.text)
        .filter((text) => text.length > 0)
        .join('\n\n');
      const answers = cardPlan.answer
        .map((i) => field(note, i, false))
        .filter((content) => content.text.length > 0);
      const explanation = [
        ...answers.slice(1),
        ...cardPlan.explanation.map((i) => field(note, i, false))
      ]
        .map((content) => content.text)
        .filter((text) => text.length > 0)
        .join('\n\n');
      const image = pictureOf(question.flatMap((content) => content.images));
      if (!prompt && !image) {
        skipCard('their question is empty');
        continue;
      }
      const answer = answers[0];
      if (!answer) {
        skipCard('their answer is empty (or only a picture or a sound)');
        continue;
      }
      for (const i of [...cardPlan.answer, ...cardPlan.explanation])
        for (const name of field(note, i, false).images) problem('answer-side', name);
      keys.add(key);
      cardsUsed += 1;
      out.push({
        form: 'card',
        key,
        prompt,
        answer: answer.text,
        ...(cardPlan.typed !== null && { typed: true }),
        ...(explanation && { explanation }),
        ...(image && { image }),
        ...common(card, note)
      });
      continue;
    }

    if (plan.form === 'occlusion') {
      // Card n asks for the shapes of gap n + 1, over the note's picture.
      const contents = note.fields.map((_, i) => field(note, i, true));
      const target = card.ord + 1;
      const raw = note.fields.find((f) => f.includes('::image-occlusion:')) ?? '';
      const shapes = parseOcclusions(raw);
      const image = pictureOf(contents.flatMap((content) => content.images));
      if (!image || !occlusionTargets(shapes).includes(target)) {
        skipCard(
          image
            ? 'their Image Occlusion shape is missing or damaged'
            : 'their Image Occlusion picture cannot be shown'
        );
        continue;
      }
      const textOf = (fields: number[]) =>
        fields
          .map((i) => contents[i]?.text ?? '')
          .filter((text) => text.length > 0)
          .join('\n\n');
      const count = occlusionTargets(shapes).length;
      const explanation = textOf(plan.extra);
      occlusionCards += 1;
      keys.add(key);
      cardsUsed += 1;
      out.push({
        form: 'occlusion',
        key,
        prompt: textOf(plan.header) || 'What is under the highlighted shape?',
        answer: `Shape ${target} of ${count}, uncovered on the picture`,
        image,
        occlusion: { shapes, target },
        ...(explanation && { explanation }),
        ...common(card, note)
      });
      continue;
    }

    // Any other note type: one note per Anki note, from its first card.
    const tally = others.get(noteType.name) ?? { notes: 0, extraCards: 0, empty: 0 };
    others.set(noteType.name, tally);
    if (otherDone.has(note.id)) {
      tally.extraCards += 1;
      continue;
    }
    otherDone.add(note.id);
    const contents = note.fields.map((_, i) => field(note, i, false));
    const texts = contents.map((content) => content.text).filter((text) => text.length > 0);
    const image = pictureOf(contents.flatMap((content) => content.images));
    if (texts.length === 0 && !image) {
      tally.empty += 1;
      continue;
    }
    tally.notes += 1;
    keys.add(key);
    cardsUsed += 1;
    out.push({
      form: 'card',
      key,
      prompt: texts[0] ?? '',
      answer: texts.slice(1).join('\n\n'),
      ...(image && { image }),
      ...common(card, note)
    });
  }

  const skipped: ImportSkip[] = [];
  if (seen.audio.size > 0)
    skipped.push({ what: plural(seen.audio.size, 'audio file'), why: 'sounds are not played' });
  if (seen.video.size > 0)
    skipped.push({ what: plural(seen.video.size, 'video file'), why: 'videos are not played' });
  for (const [kind, names] of imageProblems)
    skipped.push({ what: plural(names.size, 'picture'), why: IMAGE_PROBLEMS[kind] });
  for (const [why, count] of skippedCards) skipped.push({ what: plural(count, 'card'), why });

  const warnings = [...collection.warnings];
  if (occlusionCards > 0)
    warnings.push(
      `${plural(occlusionCards, 'Image Occlusion card')} imported as flashcards: the picture with its shapes drawn over it, and the asked shape uncovered with the answer.`
    );
  for (const [name, tally] of others) {
    const shown = plainToSafe(name) || 'unnamed';
    if (tally.notes > 0) {
      const how = `imported with the first field that has text as the question and the other fields as the answer, since this app does not know that note type`;
      const cards =
        tally.extraCards > 0
          ? `; each became one note (not one per card), with the review history of its first card`
          : '';
      warnings.push(`${plural(tally.notes, `"${shown}" note`)} ${how}${cards}.`);
    }
    if (tally.empty > 0)
      skipped.push({
        what: plural(tally.empty, `"${shown}" note`),
        why: 'they have no text or picture to show'
      });
  }

  return {
    title: titleOf(collection, cards),
    notes: out,
    skipped,
    warnings,
    counts: {
      notes: collection.notes.length,
      cards: collection.cards.length,
      reviews: collection.revlog.length,
      imported: out.length,
      history,
      skippedCards: collection.cards.length - cardsUsed
    }
  };
}

/** One revlog row as history, or null for a row of a kind this reader does not know. */
function importedReview(row: AnkiCollection['revlog'][number]): ImportedReview | null {
  const at = row.id;
  const durationMs = Math.max(0, Math.round(row.time));
  if (!(at > 0)) return null;
  if (row.ease === 0 || row.type === 4 || row.type === 5)
    // A manual reschedule has no rating of its own; the shape asks for one, and readers
    // of a `manual` row do not use it.
    return { at, rating: 3, durationMs, type: 'manual' };
  const type = REVIEW_TYPES[row.type];
  if (!type || row.ease < 1 || row.ease > 4 || !Number.isInteger(row.ease)) return null;
  return { at, rating: row.ease as 1 | 2 | 3 | 4, durationMs, type };
}

/** The top deck every card shares (not Anki's "Default"), or the file name. */
function titleOf(collection: AnkiCollection, cards: AnkiCard[]): string {
  const tops = new Set<string>();
  for (const card of cards) {
    const deck = collection.decks.get(card.originalDeckId) ?? collection.decks.get(card.deckId);
    tops.add((deck?.name ?? '').split('::')[0]?.trim() ?? '');
  }
  const [top] = tops;
  const title = tops.size === 1 && top && top !== 'Default' ? plainToSafe(top) : '';
  return title || plainToSafe(baseName(collection.fileName)) || 'Anki deck';
}
