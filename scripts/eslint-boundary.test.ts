// The storage boundary is a lint rule, not a hope: these plant a database import where it
// does not belong and check that ESLint fails it, and that the services may still import it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

const planted = `import { database } from '$lib/db/db';\nexport const decks = () => database().decks.toArray();\n`;

describe('the storage boundary', () => {
  it('fails a route that imports the database', async () => {
    const errors = await boundaryErrors('src/routes/planted/+page.ts', planted);
    expect(errors).toEqual([expect.stringContaining('Only src/lib/services imports the database')]);
  });

  it('fails a Svelte screen that imports the database', async () => {
    // Svelte files are parsed with the TypeScript project, which only knows files on disk.
    const dir = 'src/routes/planted-by-lint-test';
    mkdirSync(dir, { recursive: true });
    try {
      const screen = `<script lang="ts">\n  import { database } from '$lib/db/db';\n  const n = database().decks.count();\n</script>\n\n{#await n then count}<p>{count}</p>{/await}\n`;
      writeFileSync(`${dir}/+page.svelte`, screen);
      const errors = await boundaryErrors(`${dir}/+page.svelte`, screen);
      expect(errors).toEqual([expect.stringContaining('call a service instead')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('fails a state class and a component that import the database, even for types', async () => {
    const typeOnly = `import type { CardRecord } from '$lib/db/db';\nexport type C = CardRecord;\n`;
    expect(await boundaryErrors('src/lib/state/planted.ts', typeOnly)).toHaveLength(1);
    const relative = `import { database } from '../db/db';\nexport const d = database;\n`;
    expect(await boundaryErrors('src/lib/components/planted.ts', relative)).toHaveLength(1);
  });

  it('fails a pure module that imports the database', async () => {
    expect(await boundaryErrors('src/lib/srs/planted.ts', planted)).toHaveLength(1);
  });

  it('lets a service import the database', async () => {
    expect(await boundaryErrors('src/lib/services/planted.ts', planted)).toEqual([]);
  });
});
