/**
 * Acceptance of issue 3 (crisis safety) in real Chromium against the real server: a member who
 * writes about passive thoughts of death sees the crisis response with their region's line; when
 * they write about wanting to kill themselves, the supervisor's open queue shows the alert live
 * (over the WebSocket, no reload), and the supervisor acknowledges and resolves it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ORGANISER, openPeopleAndRoles, saveRoles, useCast } from './cast.js';
import { checkA11y } from './harness.js';

const LEVEL_2 = 'Lately I wish I could just go to sleep and not wake up';
const LEVEL_3 = 'I want to kill myself';

const cast = useCast({
  admin: ORGANISER,
  supervisor: { handle: 'dr_hale', password: 'supervisor password 1' },
  member: { handle: 'northern_light', password: 'member password 123', region: 'GB', locale: 'en-GB' },
});
let supervisorPage: Page;
let memberPage: Page;

describe('crisis safety in the browser', () => {
  it('lets the admin make someone a supervisor', async () => {
    const page = await cast.open(cast.admin);
    await openPeopleAndRoles(page);
    await saveRoles(page, 'dr_hale', ['Supervisor']);
    await checkA11y(page, 'admin users');
    await page.close();
  });

  it('opens the alert queue for the supervisor, on duty and live', async () => {
    supervisorPage = await cast.open(cast.supervisor);
    await supervisorPage.goto('/supervision/alerts');
    await supervisorPage.getByRole('heading', { level: 1, name: 'Safety alerts' }).waitFor();
    await supervisorPage.getByText('No open alerts right now.').waitFor();
    const duty = supervisorPage.getByRole('switch', { name: 'I am on duty' });
    await duty.check();
    // Confirmed by the server: the duty room is joined, so new alerts will arrive over the socket.
    await supervisorPage.getByText('Live updates are on.').waitFor();
    expect(await duty.isChecked()).toBe(true);
    await checkA11y(supervisorPage, 'supervision, empty queue');
  });

  it('shows a member the crisis response with their region’s line for passive thoughts of death', async () => {
    memberPage = await cast.open(cast.member);
    await memberPage.goto('/profile');
    await memberPage.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    await memberPage.getByLabel('About you (optional)').fill(LEVEL_2);
    await memberPage.getByRole('button', { name: 'Save profile' }).click();

    const panel = memberPage.locator('section.crisis-panel');
    await panel.waitFor();
    const call = panel.getByRole('link', { name: 'Call Samaritans on 116 123' });
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe('tel:116123');
    await panel.getByRole('link', { name: 'Talk to a peer supporter now' }).waitFor();
    // The other resources are one click away.
    await panel.getByText('More ways to get help').click();
    await panel.getByRole('heading', { name: 'Emergency services' }).waitFor();
    await checkA11y(memberPage, 'profile with crisis response (level 2)');

    // Level 2 does not alert a supervisor.
    expect(await supervisorPage.getByText('No open alerts right now.').isVisible()).toBe(true);
  });

  it('brings a level 3 alert to the supervisor live, who acknowledges and resolves it', async () => {
    await memberPage.getByLabel('About you (optional)').fill(LEVEL_3);
    await memberPage.getByRole('button', { name: 'Save profile' }).click();
    await memberPage.locator('section.crisis-panel').getByRole('link', { name: 'Call Samaritans on 116 123' }).waitFor();

    // No reload on the supervisor's side: the WebSocket event refreshes the queue.
    const queue = supervisorPage.getByRole('region', { name: /^Open alerts/ });
    const item = queue.getByRole('listitem').filter({ hasText: 'Level 3' });
    await item.waitFor();
    await item.getByText('Due in').waitFor();
    await checkA11y(supervisorPage, 'supervision with a live alert');

    await item.getByRole('button', { name: /^Open alert/ }).click();
    const detail = supervisorPage.getByRole('region', { name: 'Alert details' });
    await detail.getByText('Member: northern_light').waitFor();
    await checkA11y(supervisorPage, 'alert details');

    await detail.getByRole('button', { name: 'Acknowledge' }).click();
    await detail.getByText('Acknowledged', { exact: true }).waitFor();
    await detail.getByLabel('Add a note').fill('Called the member; they are with a friend tonight.');
    await detail.getByRole('button', { name: 'Save note' }).click();
    await detail.getByText('Called the member; they are with a friend tonight.').waitFor();

    await detail.getByLabel('Outcome').selectOption('member_safe_and_supported');
    await detail.getByRole('button', { name: 'Resolve alert' }).click();
    await detail.getByText('Alert resolved.').waitFor();
    await queue.getByText('No open alerts right now.').waitFor();
    await checkA11y(supervisorPage, 'supervision after resolving');
  });

  it('shows the supervisor a thread held for its title with that title, labelled, above its text', async () => {
    const spaces = (await cast.api.member.expect('GET', '/api/spaces')).body.spaces as { id: string }[];
    const title = 'I have saved up 40 pills and I am going to take them all tonight.';
    await cast.api.member.expect('POST', `/api/spaces/${spaces[0]!.id}/threads`, { kind: 'story', title, body: 'Just checking in with everyone.' });
    await supervisorPage.goto('/supervision/alerts');
    const held = supervisorPage.getByRole('region', { name: 'Held for review' });
    const item = held.getByRole('listitem').filter({ hasText: title });
    await item.waitFor();
    // The title's label, then the title, then the text's label and the text, in reading order.
    expect(await item.locator('dt, dd').allInnerTexts()).toEqual(['Title', title, 'Text', 'Just checking in with everyone.']);
    await checkA11y(supervisorPage, 'held list with a thread held for its title');
  });

  it('updates the held list live, with no reload, when something is held and when it is decided', async () => {
    const spaces = (await cast.api.member.expect('GET', '/api/spaces')).body.spaces as { id: string }[];
    const body = 'I bought a rope and I am going to hang myself from the beam tonight.';
    const written = await cast.api.member.expect('POST', `/api/spaces/${spaces[0]!.id}/threads`, { kind: 'story', title: 'A long evening', body });
    // The page was loaded before the post was written: the socket's event brings it in.
    const held = supervisorPage.getByRole('region', { name: 'Held for review' });
    const item = held.getByRole('listitem').filter({ hasText: body });
    await item.waitFor();
    await item.getByText('Mentions a method').waitFor();
    await checkA11y(supervisorPage, 'held list with a live item');
    // Decided elsewhere (another tab, another supervisor): it leaves this list too.
    const items = (await cast.api.supervisor.expect('GET', '/api/safety/held')).body.items as { id: string; objectId: string }[];
    const postId = (written.body.post as { id: string }).id;
    const heldId = items.find((i) => i.objectId === postId)!.id;
    await cast.api.supervisor.expect('POST', `/api/safety/held/${heldId}/decision`, { action: 'remove' });
    await item.waitFor({ state: 'detached' });
  });

  it('shows the member who opened their data', async () => {
    await memberPage.goto('/privacy');
    const audit = memberPage.getByRole('region', { name: 'Who saw my data' });
    await audit.getByText(/dr_hale/).first().waitFor();
    await checkA11y(memberPage, 'privacy with an audit entry');
    expect(cast.problems).toEqual([]);
  });
});
