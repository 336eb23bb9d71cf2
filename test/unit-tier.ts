/**
 * The unit tier (`npm run test:unit`, `npm test`) in one process: every .test.ts file under test/unit, imported in
 * name order.
 *
 * Why one process: a test file run on its own pays about 1.6 s of CPU before its first test (tsx's loader hooks and
 * loading the engine from source). With 27 files that was 43 of the tier's 77 s of CPU, and the tier took 40 s on
 * this 2-core machine; in one process it takes about 17 s. The files share no state they do not reset, and each one
 * still runs alone: `node --import tsx --test test/unit/reading.test.ts`.
 */
import { readdirSync } from 'node:fs';

const dir = new URL('./unit/', import.meta.url);
const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts')).sort();
if (!files.length) throw new Error('no test files under test/unit');
for (const file of files) await import(new URL(file, dir).href);
