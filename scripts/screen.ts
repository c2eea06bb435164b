/**
 * Screens JSON Lines from stdin: each line {"id","text"} gives one line {"id","level","categories","methodDetail"}
 * on stdout. A bad line is reported on stderr with its line number and skipped; the stream goes on.
 *
 *   printf '{"id":"1","text":"I want to die"}\n' | npm run -s screen
 */
import { screen } from '../src/safety/index.js';
import { filterJsonLines } from './data.js';

await filterJsonLines('screen', 'an object with a string "text"', (r) => {
  if (typeof r.text !== 'string') return null;
  const s = screen(r.text);
  return { id: r.id ?? null, level: s.level, categories: s.categories, methodDetail: s.methodDetail };
});
