/** Messages between the page and the backup worker. */
import type { RestoreOutcome } from './backup';

export type BackupRequest =
  { type: 'backup'; now: number; app: string } | { type: 'restore'; bytes: Uint8Array };

export type BackupReply =
  | { type: 'backup'; bytes: Uint8Array; fileName: string }
  | { type: 'stage'; stage: 'reading' | 'merging' | 'done' }
  | { type: 'restore'; outcome: RestoreOutcome }
  | { type: 'failed'; message: string };
