/** Messages between the page and the backup worker (which also writes Anki packages). */
import type { RestoreOutcome } from './backup';

export type BackupRequest =
  | { type: 'backup'; now: number; app: string }
  | { type: 'restore'; bytes: Uint8Array }
  | { type: 'anki'; deckId: string; now: number };

export type BackupReply =
  | { type: 'backup'; bytes: Uint8Array; fileName: string; dateNoted: boolean }
  | { type: 'stage'; stage: 'reading' | 'merging' | 'done' }
  | { type: 'restore'; outcome: RestoreOutcome }
  | { type: 'anki'; bytes: Uint8Array; fileName: string; notes: number; reviews: number }
  | { type: 'failed'; message: string };
