import type { ContentState, PostsTable } from '../../platform/schema.js';

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

/**
 * Whether readers other than its author and moderators are kept from a post: it waits for review, or
 * it was never published (held from its creation, then hidden, removed or deleted). A never-published
 * post is as absent as a pending one: no placeholder that names its author (ADR 052, amendment).
 */
export function offReadersPages(post: Pick<PostsTable, 'state' | 'published_at'>): boolean {
  return post.state === 'pending' || post.published_at === null;
}
