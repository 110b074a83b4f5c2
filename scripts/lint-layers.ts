/**
 * `npm run lint:layers [-- <repository>]` (part of `npm run lint`): the folder-level arrows of
 * scripts/layers.ts, in this repository or the one named. Prints each violation and exits 1 when
 * there is one.
 */
import path from 'node:path';
import { checkLayers } from './layers';

const repository = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
const problems = checkLayers(repository);
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`${problems.length} layer violation(s): the rules are in scripts/layers.ts`);
  process.exitCode = 1;
} else {
  console.log('Every arrow between folders points one way.');
}
