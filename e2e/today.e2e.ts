/**
 * The signed-in home ("today", ADR 045) in real Chromium against the real server: a member signs
 * in through the form and lands on a calm view of what waits for them (the check-in prompt, a new
 * message from their supporter), with the way to the crisis lines and no part of anyone else's
 * role; a peer supporter sees their worklist and a supervisor the open crisis alerts, and a new
 * alert arrives on the supervisor's open home without a reload, announced to screen readers.
 * axe-core checks each view.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { arrangeMentorship } from './api.js';
import { useCast } from './cast.js';
import { checkA11y, heading } from './harness.js';

const MEMBER = 'quiet_harbour';
const MEMBER_PASSWORD = 'member password 111';
const QUESTION = 'How do you get through Sunday evenings?';

const cast = useCast({
  admin: { handle: 'first_admin', region: 'GB' },
  supervisor: { handle: 'dr_moss', region: 'GB', roles: ['member', 'supervisor'] },
  supporter: { handle: 'steady_fern', region: 'GB' },
  member: { handle: MEMBER, password: MEMBER_PASSWORD, region: 'GB' },
  writer: { handle: 'late_lantern', region: 'GB' },
});
let mentorshipId: string;

beforeAll(async () => {
  const { admin, supporter, member, writer } = cast.api;
  mentorshipId = await arrangeMentorship(admin, { api: supporter, id: cast.id.supporter }, member, 'Feeling low since the winter started');
  await supporter.expect('POST', `/api/mentoring/mentorships/${mentorshipId}/messages`, { body: 'Hello, I read your request. I am here when you are ready.', clientId: randomUUID() });
  const space = ((await writer.expect('GET', '/api/spaces')).body.spaces as { id: string }[])[0]!;
  await writer.expect('POST', `/api/spaces/${space.id}/threads`, { kind: 'question', title: QUESTION, body: 'They feel long and quiet, and I would like ideas.' });
  // A text that reads as a crisis (level 3) raises an alert for the supervisors.
  await writer.expect('PATCH', '/api/me/profile', { bio: 'I want to kill myself.' });
}, 120_000);

describe('the signed-in home', () => {
  it('shows a member who signs in the check-in prompt, the way to help and what waits for them, and nothing of other roles', async () => {
    const context = await cast.newContext();
    const page = await cast.open(context);
    await page.goto('/sign-in');
    await heading(page, 'Sign in');
    await page.getByLabel('Pseudonym (handle)').fill(MEMBER);
    await page.getByLabel('Password').fill(MEMBER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, `Welcome back, ${MEMBER}`);

    const main = page.getByRole('main');
    await main.getByRole('heading', { level: 2, name: 'How are you today?' }).waitFor();
    await main.getByRole('link', { name: 'Check in' }).waitFor();
    await main.getByRole('link', { name: 'The crisis lines for your region, at any hour' }).waitFor();
    // "Get help now" stays in the header, as on every page.
    await page.getByRole('banner').getByRole('button', { name: 'Get help now' }).waitFor();
    const waiting = main.getByRole('region', { name: 'Waiting for you' });
    const message = waiting.getByRole('listitem').getByRole('link', { name: '1 new message from your supporter' });
    await message.waitFor();
    expect(await message.getAttribute('href')).toBe(`/support/mentorships/${mentorshipId}`);
    for (const other of ['Supervision', 'Your supporter worklist', 'Your groups’ next meetings']) {
      expect(await main.getByRole('heading', { name: other }).count()).toBe(0);
    }
    await checkA11y(page, 'home: a member today');

    // After a check-in the prompt gives way to a quiet line with the trend.
    await cast.api.member.expect('POST', '/api/me/checkins', { mood: 3 });
    await page.goto('/');
    await main.getByText('You checked in today.').waitFor();
    await main.getByRole('link', { name: 'See how your days have been' }).waitFor();
    expect(await main.getByRole('link', { name: 'Check in' }).count()).toBe(0);
    await checkA11y(page, 'home: a member who checked in');
    await context.close();
  });

  it("shows a peer supporter their worklist: the mentee waiting and the community's unanswered questions", async () => {
    await cast.api.member.expect('POST', `/api/mentoring/mentorships/${mentorshipId}/messages`, { body: 'Thank you. Evenings are the hardest.', clientId: randomUUID() });
    const page = await cast.open(cast.supporter);
    await page.goto('/');
    const worklist = page.getByRole('region', { name: 'Your supporter worklist' });
    await worklist.getByRole('link', { name: '1 mentee waiting for your reply' }).waitFor();
    await worklist.getByRole('link', { name: /questions? in the community waiting for an answer/ }).waitFor();
    expect(await page.getByRole('region', { name: 'Supervision' }).count()).toBe(0);
    await checkA11y(page, 'home: a peer supporter today');
    await page.close();
  });

  it('shows a supervisor the open crisis alerts and how long the oldest has waited', async () => {
    const page = await cast.open(cast.supervisor);
    await page.goto('/');
    const supervision = page.getByRole('region', { name: 'Supervision' });
    const alerts = supervision.getByRole('link', { name: /^1 open crisis alert, the oldest has waited/ });
    await alerts.waitFor();
    expect(await alerts.getAttribute('href')).toBe('/supervision/alerts');
    await checkA11y(page, 'home: a supervisor today');
    expect(cast.problems).toEqual([]);
    await page.close();
  });

  it('shows a supervisor on duty, whose home is open, a new crisis alert without a reload, and announces it', async () => {
    await cast.api.supervisor.expect('PUT', '/api/safety/duty', { onDuty: true });
    const page = await cast.open(cast.supervisor);
    // The alert must be raised after the server put this tab in the duty room, or only a reload would show it.
    const inDutyRoom = new Promise<void>((resolve, reject) => {
      setTimeout(() => reject(new Error('the home never joined safety:duty: a new alert would not reach it')), 30_000);
      page.on('websocket', (ws) =>
        ws.on('framereceived', (frame) => {
          const text = String(frame.payload);
          if (text.includes('"subscribed"') && text.includes('safety:duty')) resolve();
        }),
      );
    });
    await page.goto('/');
    const supervision = page.getByRole('region', { name: 'Supervision' });
    await supervision.getByRole('link', { name: /^1 open crisis alert, the oldest has waited/ }).waitFor();
    await inDutyRoom;

    await cast.api.member.expect('PATCH', '/api/me/profile', { bio: 'I do not want to be alive any more. I want to kill myself.' });
    await supervision.getByRole('link', { name: /^2 open crisis alerts, the oldest has waited/ }).waitFor();
    await supervision.locator('[aria-live="polite"]', { hasText: 'A new crisis alert is open.' }).waitFor({ state: 'attached' });
    await checkA11y(page, 'home: a supervisor after a new alert');
    expect(cast.problems).toEqual([]);
    await page.close();
  });
});
