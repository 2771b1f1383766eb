/**
 * The one Dexie database of the app. Every schema version and its upgrade live in this
 * file; nothing else imports Dexie.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { DeckFile, DeckSummary, Question, ServedFact } from '$lib/deck/types';
import type { DeckSettings, MemoryState, Rating, StudyPlan } from '$lib/srs/types';
import type { Assignment } from '$lib/share/assignment';
import type { Report } from '$lib/share/report';
import { deckNames } from '$lib/deck/names';
import type { DeckOrigin } from '$lib/deck/mine';

/** An installed deck: its file without the facts and questions, which have tables of their own. */
export interface DeckRecord extends Omit<DeckFile, 'format' | 'facts' | 'questions'> {
  /** Hash of the installed deck file: a different one means an update to install. */
  contentHash: string;
  builtIn: boolean;
  /** For a deck of one's own: written here, imported from a file, or a teacher's (absent on older records: a teacher's). */
  origin?: DeckOrigin;
  installedAt: number;
  updatedAt: number;
}

export type FactRecord = ServedFact & { deckId: string; retired: 0 | 1 };

export type QuestionRecord = Question & { deckId: string; factId: string };

/** One card per fact: the learner's memory of it. `due` and `state` copy `memory` for the indexes. */
export interface CardRecord {
  factId: string;
  deckId: string;
  topic: string;
  /** 1 when the fact left its deck, or the card is suspended: the history stays, the card leaves the queue. */
  retired: 0 | 1;
  /** Suspended in the app it was imported from (Anki): out of the queue while its fact stays. */
  suspended?: boolean;
  due: number;
  state: number;
  memory: MemoryState;
  createdAt: number;
  /** The form of the last question answered, so the next review can vary it. */
  lastKind?: Question['kind'];
}

/** An answer, as the learner gave it. The log is append-only. */
export interface AnswerLogRecord {
  id?: number;
  type: 'answer';
  factId: string;
  deckId: string;
  questionId: string;
  kind: Question['kind'];
  rating: Rating;
  /** What the learner answered (typed text, chosen option), or null for a flashcard. */
  given: string | null;
  /** Whether the answer was right, or null when the learner judged a flashcard. */
  correct: boolean | null;
  durationMs: number;
  at: number;
  /** Study day of `at` (see srs/day.ts). */
  day: number;
  before: MemoryState;
  after: MemoryState;
  /** An answer given in another app (an Anki review), brought in by an import. */
  imported?: true;
}

/** Takes back an earlier answer (by its id): undo, or a changed rating. */
export interface UndoLogRecord {
  id?: number;
  type: 'undo';
  undoes: number;
  factId: string;
  deckId: string;
  at: number;
  day: number;
}

export type LogRecord = AnswerLogRecord | UndoLogRecord;

/**
 * Every row of the `settings` table: its key and the type of its value. Read and write
 * them with `getSetting` and `putSetting`, which check both.
 */
export interface SettingValues {
  /** Every study day (sorted day numbers) with an answer in it: the streak reads these. */
  studyDays: number[];
  /** Facts a practice test sent to the front of the next study session, once each. */
  reviewSoon: string[];
  /** The class and teacher names last put on an assignment, offered for the next one. */
  teacherProfile: { className?: string; teacher?: string };
  /** The name a student last accepted an assignment with, offered for the next one. */
  studentName: string;
  /** What the learner chose to study: see services/study-plan.ts for the defaults. */
  studyPlan: Partial<StudyPlan>;
  /** When this device last wrote a backup file (epoch ms). */
  lastBackupAt: number;
  /** The study day the learner put off Today's backup reminder. */
  backupReminderDismissed: number;
  /** One deck's study options, where they differ from the defaults (`weights`: its own FSRS parameters). */
  [deck: `deck:${string}`]: Partial<DeckSettings>;
  /** The collection's FSRS parameters, fitted to the learner's answers (services/optimise.ts). */
  schedulerParameters: SchedulerParameters;
  /** A deck's own fitted parameters and what Undo puts back (its weights also in `deck:<id>`). */
  [deckParameters: `schedulerParameters:${string}`]: SchedulerParameters;
}

/** FSRS parameters fitted on this device, with what Undo puts back. */
export interface SchedulerParameters {
  /** The 21 FSRS-6 weights every deck without its own uses; null for the FSRS-6 defaults. */
  weights: number[] | null;
  /** The weights before the last change (null: the defaults); absent when there is nothing to undo. */
  previous?: number[] | null;
  /** When the weights were adopted (epoch ms), on how many kept answers. */
  adoptedAt: number;
  reviews: number;
  /** Log loss on the held-out reviews with the parameters before and with these. */
  logLossBefore: number;
  logLossAfter: number;
}

export type SettingKey = keyof SettingValues;

export type SettingRecord = { [K in SettingKey]: { key: K; value: SettingValues[K] } }[SettingKey];

/** The study session in progress, saved with every answer so a reload resumes it. */
export interface SessionRecord {
  id: 'current';
  deckIds: string[];
  day: number;
  startedAt: number;
  /** Fact ids still planned, in order. */
  planned: string[];
  /** Fact ids in (re)learning that come back later in the session. */
  learning: string[];
  /** The card on screen and the question it shows. */
  current: { factId: string; questionId: string } | null;
  /** The card just answered, while its feedback is on screen, with its log entry. */
  feedback: { factId: string; questionId: string; logId: number } | null;
  /**
   * The card that Continue will show, chosen when the answer was saved so that moving on
   * needs no reading; null when the session has nothing left (checked again on Continue).
   */
  upcoming?: { factId: string; questionId: string } | null;
  /** The last answered fact, so it is not shown twice in a row. */
  lastFactId: string | null;
  answered: number;
  /** Log ids of this session's answers, newest last, for undo. */
  answerIds: number[];
  /** Planned size at the start, for the progress bar. */
  total: number;
  /** Set when the session studies one assignment: only its facts, in its question kinds. */
  assignment?: string;
  kinds?: Question['kind'][];
  /**
   * In a session over whole decks, the kinds that accepted assignments ask of their facts
   * (by fact id), so an assigned fact is asked as its teacher chose wherever it comes up.
   */
  assignedKinds?: Record<string, Question['kind'][]>;
}

/** One question of a finished practice test, as answered. */
export interface PracticeItem {
  questionId: string;
  factIds: string[];
  kind: Question['kind'];
  /** What the learner gave, as text (an order or pairs written out). */
  given: string;
  /** 0 to 1: 1 right, 0 wrong, in between for partly right orders and matches. */
  score: number;
}

/** A finished practice test, timeline or match round, kept in the history. */
export interface PracticeResult {
  id?: number;
  mode: 'test' | 'timeline' | 'match';
  at: number;
  deckIds: string[];
  kinds: Question['kind'][];
  durationMs: number;
  /** The time limit in ms, when the test was timed. */
  limitMs: number | null;
  items: PracticeItem[];
  /** Sum of item scores divided by the number of items, 0 to 1. */
  score: number;
  /** The assignment this was the final test of. */
  assignment?: string;
}

/** An assignment a student accepted. */
export interface AssignmentRecord {
  id: string;
  assignment: Assignment;
  /** The name the student gave, put on their reports. */
  student: string;
  acceptedAt: number;
  status: 'active' | 'archived';
}

/** An assignment a teacher made on this device, with the link they shared. */
export interface SentAssignmentRecord {
  id: string;
  assignment: Assignment;
  link: string;
}

/** A student's report as imported by the teacher: the newest one per student is kept. */
export type ReportRecord = Report & {
  /** The student's name normalised: the same student whatever the spacing or case. */
  studentKey: string;
  importedAt: number;
};

/**
 * The names one deck knows (deck/names.ts), normalised: grading reads every deck's to
 * refuse a typo that is as close to another name. Written with the deck at install.
 */
export interface DeckNamesRecord {
  deckId: string;
  names: string[];
}

export class SourcedeckDatabase extends Dexie {
  decks!: EntityTable<DeckRecord, 'id'>;
  facts!: EntityTable<FactRecord, 'id'>;
  questions!: EntityTable<QuestionRecord, 'id'>;
  cards!: EntityTable<CardRecord, 'factId'>;
  log!: EntityTable<LogRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  sessions!: EntityTable<SessionRecord, 'id'>;
  practice!: EntityTable<PracticeResult, 'id'>;
  assignments!: EntityTable<AssignmentRecord, 'id'>;
  sent!: EntityTable<SentAssignmentRecord, 'id'>;
  reports!: Table<ReportRecord, [string, string]>;
  names!: EntityTable<DeckNamesRecord, 'deckId'>;

  constructor(name = 'sourcedeck') {
    super(name);
    // Version 1. A later version adds a `this.version(2).stores({...}).upgrade(tx => ...)`
    // below it, here, and keeps this one unchanged.
    this.version(1).stores({
      decks: 'id',
      facts: 'id, deckId',
      questions: 'id, deckId, factId',
      cards: 'factId, deckId, [deckId+retired+state], [deckId+retired+due]',
      log: '++id, factId, [deckId+day], day',
      settings: 'key',
      sessions: 'id'
    });
    // Version 2: an index to count and list due cards by state without reading new ones,
    // and the set of study days kept as one record (the streak no longer scans the log).
    this.version(2)
      .stores({
        cards:
          'factId, deckId, [deckId+retired+state], [deckId+retired+due], [deckId+retired+state+due]'
      })
      .upgrade(async (tx) => {
        const days = (await tx.table('log').orderBy('day').uniqueKeys()) as number[];
        await tx.table('settings').put({ key: 'studyDays', value: days } satisfies SettingRecord);
      });
    // Version 3: the history of practice tests, timelines and match rounds.
    this.version(3).stores({ practice: '++id, at, mode' });
    // Version 4: assignments. A student's accepted ones; a teacher's sent ones and the
    // reports collected for them (one per student and assignment); practice results
    // findable by the assignment they were the final test of.
    this.version(4).stores({
      practice: '++id, at, mode, assignment',
      assignments: 'id, status',
      sent: 'id',
      reports: '[assignment+studentKey], assignment'
    });
    // Version 5: the names each deck knows, for typo tolerance across the whole collection;
    // decks installed before it get theirs from their facts. The study days keep only days
    // with an answer that was not undone.
    this.version(5)
      .stores({ names: 'deckId' })
      .upgrade(async (tx) => {
        const log = (await tx.table('log').toArray()) as LogRecord[];
        const undone = new Set(log.flatMap((r) => (r.type === 'undo' ? [r.undoes] : [])));
        const kept = new Set(
          log.flatMap((r) => (r.type === 'answer' && !undone.has(r.id!) ? [r.day] : []))
        );
        await tx.table('settings').put({
          key: 'studyDays',
          value: [...kept].sort((a, b) => a - b)
        } satisfies SettingRecord);
        const facts = (await tx.table('facts').toArray()) as FactRecord[];
        const byDeck = new Map<string, FactRecord[]>();
        for (const fact of facts) {
          const list = byDeck.get(fact.deckId);
          if (list) list.push(fact);
          else byDeck.set(fact.deckId, [fact]);
        }
        await tx.table('names').bulkPut(
          [...byDeck].map(([deckId, deckFacts]): DeckNamesRecord => ({
            deckId,
            names: deckNames(deckFacts)
          }))
        );
      });
  }
}

let instance: SourcedeckDatabase | null = null;

/** The app's database (opened on first use). */
export function database(): SourcedeckDatabase {
  instance ??= new SourcedeckDatabase();
  return instance;
}

/** A setting's value, or undefined when it was never set. Works inside a transaction. */
export async function getSetting<K extends SettingKey>(
  db: SourcedeckDatabase,
  key: K
): Promise<SettingValues[K] | undefined> {
  // The one place a stored value meets its type: only putSetting writes these rows.
  return (await db.settings.get(key))?.value as SettingValues[K] | undefined;
}

/** Sets a setting. Works inside a transaction. */
export async function putSetting<K extends SettingKey>(
  db: SourcedeckDatabase,
  key: K,
  value: SettingValues[K]
): Promise<void> {
  await db.settings.put({ key, value } as SettingRecord);
}

export { liveQuery } from 'dexie';
export type { DeckSummary };
