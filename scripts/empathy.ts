/**
 * Rates replies from stdin: each JSON Lines row {"id","seeker","response"} gives one line
 * {"id","emotional_reactions","interpretations","explorations"} (0 none, 1 weak, 2 strong) on stdout.
 * A bad line is reported on stderr with its line number and skipped; the stream goes on.
 *
 *   printf '{"id":"1","seeker":"I feel so alone","response":"That sounds so lonely. What happened?"}\n' | npm run -s empathy
 */
import { rateEmpathy } from '../src/safety/index.js';
import { filterJsonLines } from './data.js';

await filterJsonLines('empathy', 'an object with a string "response" (and a string "seeker")', (r) => {
  if (typeof r.response !== 'string' || (r.seeker !== undefined && typeof r.seeker !== 'string')) return null;
  const f = rateEmpathy(typeof r.seeker === 'string' ? r.seeker : '', r.response);
  return { id: r.id ?? null, emotional_reactions: f.emotionalReactions, interpretations: f.interpretations, explorations: f.explorations };
});
