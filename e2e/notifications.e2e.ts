/**
 * A followed thread's notice in real Chromium against the real server: a member who replied in a
 * thread (and so follows it) gets one notice for the replies that came after, saying how many
 * ("3 new replies in …"), and the count grows with later replies while the notice stays one
 * (ADR 012). axe-core checks the page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useCast } from './cast.js';
import { checkA11y, heading } from './harness.js';

const TITLE = 'Sunday evenings after visiting mum';
const FOLLOWER = 'lantern_moth';

// The first account on a fresh install is the admin: it is only another voice in the thread here.
const cast = useCast({
  others: { handle: 'organiser', region: 'GB' },
  author: { handle: 'willow_path', region: 'GB' },
  follower: { handle: FOLLOWER, region: 'GB', locale: 'en-GB' },
});
let threadId: string;

beforeAll(async () => {
  const { author, follower } = cast.api;
  const spaces = (await author.expect('GET', '/api/spaces')).body.spaces as { id: string; slug: string }[];
  const carers = spaces.find((s) => s.slug === 'carers')!.id;
  threadId = (await author.expect('POST', `/api/spaces/${carers}/threads`, { kind: 'story', title: TITLE, body: 'Visiting mum on Sundays leaves me drained for the evening.' })).body.thread.id;
  // Replying follows the thread.
  await follower.expect('POST', `/api/threads/${threadId}/posts`, { body: 'Same here; I keep the evening free for a bath and a film.' });
}, 120_000);

describe('a followed thread in the notifications', () => {
  it('says how many new replies arrived, in one notice that keeps counting', async () => {
    const { author, others } = cast.api;
    for (const [who, body] of [
      [author, 'Thank you, that sounds like a kind plan.'],
      [others, 'A short walk before driving home helps me.'],
      [author, 'I will try the walk next week.'],
    ] as const) {
      await who.expect('POST', `/api/threads/${threadId}/posts`, { body });
    }
    const page = await cast.open(cast.follower);
    await page.goto('/');
    // Three replies, one notice.
    await page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await heading(page, 'Notifications');
    await page.getByText(`3 new replies in “${TITLE}”, which you follow.`).waitFor();
    await checkA11y(page, 'notifications (a followed thread with three new replies)');

    await others.expect('POST', `/api/threads/${threadId}/posts`, { body: 'Thinking of you this Sunday.' });
    await page.reload();
    await heading(page, 'Notifications');
    await page.getByText(`4 new replies in “${TITLE}”, which you follow.`).waitFor();
    await page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();
    expect(cast.problems).toEqual([]);
  });
});
