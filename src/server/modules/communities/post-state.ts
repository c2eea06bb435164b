import type { ContentState } from '../../platform/schema.js';

/**
 * A post's `state` is what readers get, and it is made of facts that do not undo each other
 * (ADR 052): the author deleted it (`deleted`), the safety queue removed its words (`removed`), a
 * moderator hid it (`hidden`, until a moderator restores it), and whether its text waits for review
 * (`pending_reason`: the safety screen's hold or a new member's first post). The strongest fact
 * shows: `pending` and `visible` are only what a post that is none of the others shows, held or not.
 *
 * So a decision on the hold (a release, an edit by the safety queue, an approval) and a new hold (an
 * author's edit the screen holds) move a post between `pending` and `visible` only: a hidden post
 * stays hidden, and a removed or deleted one stays as it is. Only a moderator's hide and restore
 * move a post in and out of `hidden`, and a restore gives back what the hold says.
 */
export function withHold(state: ContentState, held: boolean): ContentState {
  if (state === 'visible' || state === 'pending') return held ? 'pending' : 'visible';
  return state;
}
