// `npm run decks:check`: loads the TypeScript checker through Vite and runs it.
import { runTs } from './run-ts.mjs';

const { runCheck } = await runTs('src/lib/server/check.ts');
process.exit(runCheck());
