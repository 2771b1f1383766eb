/**
 * Screens, components and state classes never hold the database: they call use cases
 * bound here to the app's one database. The use cases themselves take the database as
 * their first parameter, so tests run them on a database of their own.
 */
import { database, type SourcedeckDatabase } from '$lib/db/db';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any argument list, checked per use case below
type UseCase = (db: SourcedeckDatabase, ...args: any[]) => unknown;

/** A use case with its database already given. */
export type Bound<F> = F extends (db: SourcedeckDatabase, ...args: infer A) => infer R
  ? (...args: A) => R
  : never;

/** The given use cases, each calling the app's database (opened on first use). */
export function onAppDatabase<T extends Record<string, UseCase>>(
  useCases: T
): { [K in keyof T]: Bound<T[K]> } {
  const bound: Record<string, unknown> = {};
  for (const [name, useCase] of Object.entries(useCases)) {
    bound[name] = (...args: unknown[]) => useCase(database(), ...args);
  }
  return bound as { [K in keyof T]: Bound<T[K]> };
}
