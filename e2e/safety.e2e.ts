/**
 * Acceptance of issue 3 (crisis safety) in real Chromium against the real server: a member who
 * writes about passive thoughts of death sees the crisis response with their region's line; when
 * they write about wanting to kill themselves, the supervisor's open queue shows the alert live
 * (over the WebSocket, no reload), and the supervisor acknowledges and resolves it.
 */
import type { Locator, Page } from 'playwright-core';
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
/** The thread whose held opening post the supervisor edited (visible since). */
let editedThreadId: string;

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
    // What raised it, in plain words: the reason as a label (never its code), and the member's own
    // words, the flagged passage marked, read only now that the alert is open.
    await detail.getByText('Wants to kill themselves', { exact: false }).waitFor();
    expect(await detail.getByText('ideation.', { exact: false }).count()).toBe(0);
    const words = detail.getByRole('region', { name: 'What they wrote' });
    await words.locator('blockquote').getByText(LEVEL_3).waitFor();
    expect(await words.locator('mark').first().textContent()).toMatch(/kill myself/);
    await words.getByText('the member can see that you read these words', { exact: false }).waitFor();
    await checkA11y(supervisorPage, 'alert details');

    await detail.getByRole('button', { name: 'Acknowledge' }).click();
    await detail.getByText('Acknowledged', { exact: true }).waitFor();
    await detail.getByLabel('Add a note').fill('Called the member; they are with a friend tonight.');
    await detail.getByRole('button', { name: 'Save note' }).click();
    await detail.getByText('Called the member; they are with a friend tonight.').waitFor();

    await detail.getByLabel('Outcome').selectOption('member_safe_and_supported');
    await detail.getByRole('button', { name: 'Resolve alert' }).click();
    await detail.getByText('Alert resolved.').waitFor();
    // The details say what the alert now is: resolved, not "Open" again.
    await detail.getByText('Resolved', { exact: true }).waitFor();
    expect(await detail.getByText('Open', { exact: true }).count()).toBe(0);
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

  it('moves focus to the list heading and says what happened when the supervisor removes an item', async () => {
    const spaces = (await cast.api.member.expect('GET', '/api/spaces')).body.spaces as { id: string }[];
    const body = 'I have a stash of 60 pills in my drawer for when I finally do it.';
    await cast.api.member.expect('POST', `/api/spaces/${spaces[0]!.id}/threads`, { kind: 'story', title: 'Another night', body });
    await supervisorPage.goto('/supervision/alerts');
    const held = supervisorPage.getByRole('region', { name: 'Held for review' });
    const item = held.getByRole('listitem').filter({ hasText: body });
    await item.getByRole('button', { name: 'Remove post by northern_light' }).click();
    await item.waitFor({ state: 'detached' });
    // The button that had the focus left with its item: the heading takes it, and the notice says why.
    await held.getByText('Removed: no one but the writer and supervisors will see the words.').waitFor();
    expect(await supervisorPage.evaluate(() => document.activeElement?.textContent)).toBe('Held for review');
    await checkA11y(supervisorPage, 'held list after a removal');
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
    // Decided elsewhere (another tab, another supervisor) while an edit of it is open here: it leaves
    // this list too, and the list says why the draft went.
    await item.getByRole('button', { name: 'Edit post by northern_light' }).click();
    await item.getByRole('form', { name: 'Edit post by northern_light' }).waitFor();
    const items = (await cast.api.supervisor.expect('GET', '/api/safety/held')).body.items as { id: string; objectId: string }[];
    const postId = (written.body.post as { id: string }).id;
    const heldId = items.find((i) => i.objectId === postId)!.id;
    await cast.api.supervisor.expect('POST', `/api/safety/held/${heldId}/decision`, { action: 'remove' });
    await item.waitFor({ state: 'detached' });
    await held.getByRole('alert').getByText('The item you were editing has left the list (another supervisor decided on it, or its writer deleted it), so your edit was not published.').waitFor();
  });

  it('lets the supervisor edit held words: what the check still flags is named per field until taken out, then members read the edit', async () => {
    const spaces = (await cast.api.member.expect('GET', '/api/spaces')).body.spaces as { id: string }[];
    const title = 'A hard night';
    const body = 'I have bought a rope and I am going to hang myself in the garage tonight.';
    const written = await cast.api.member.expect('POST', `/api/spaces/${spaces[0]!.id}/threads`, { kind: 'story', title, body });
    const threadId = (written.body.thread as { id: string }).id;
    editedThreadId = threadId;
    const held = supervisorPage.getByRole('region', { name: 'Held for review' });
    const item = held.getByRole('listitem').filter({ hasText: body });
    await item.waitFor();
    const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

    // Opened inline, the text field takes the focus; Cancel gives it back to Edit.
    const edit = item.getByRole('button', { name: 'Edit post by northern_light' });
    await edit.click();
    const form = item.getByRole('form', { name: 'Edit post by northern_light' });
    const text = form.getByLabel('Text', { exact: true });
    const titleField = form.getByLabel('Title', { exact: true });
    await expect.poll(() => focused(text)).toBe(true);
    expect(await edit.getAttribute('aria-expanded')).toBe('true');
    expect(await text.inputValue()).toBe(body);
    expect(await titleField.inputValue()).toBe(title);
    await checkA11y(supervisorPage, 'held list with the edit form open');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => focused(edit)).toBe(true);

    // An edit that keeps the method words: refused, each field naming its words, the draft kept.
    await edit.click();
    const stillTitle = 'Thinking about hanging myself';
    const stillText = 'I have bought a rope and I keep thinking about it.';
    await titleField.fill(stillTitle);
    await text.fill(stillText);
    await form.getByRole('button', { name: 'Save and publish' }).click();
    await form.getByRole('alert').getByText('The safety check would still hold this edit (Mentions a method).', { exact: false }).waitFor();
    const described = async (l: Locator) => {
      const ids = ((await l.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
      return Promise.all(ids.map((id) => supervisorPage.locator(`[id="${id}"]`).innerText()));
    };
    expect(await described(titleField)).toContain('Still flagged: “hanging myself”');
    expect(await described(text)).toContain('Still flagged: “bought a rope”');
    expect(await text.inputValue()).toBe(stillText);
    expect(await titleField.inputValue()).toBe(stillTitle);
    // Publishing as it is: a second, explicit step, set apart; the way on is to edit further.
    const anyway = form.getByRole('group', { name: 'Publish it as it is?' });
    expect(await anyway.getByLabel('I have read it and it is safe to publish').isChecked()).toBe(false);
    await checkA11y(supervisorPage, 'held edit still flagged');
    // Still held: another member reads none of it, neither the held words nor the refused edit.
    const reader = await cast.join({ handle: 'quiet_reader', password: 'quiet reader password 1' });
    const whileHeld = await reader.api.get(`/api/threads/${threadId}`);
    expect(JSON.stringify(whileHeld.body)).not.toMatch(/rope|hang/);

    // Taken out: the publish-anyway step goes (it was for the words checked), and Save publishes the edit.
    const safeTitle = 'A hard night, still here';
    const safeText = 'Tonight is really hard and I am scared of my own thoughts. I am reaching out here.';
    await titleField.fill(safeTitle);
    await text.fill(safeText);
    await anyway.waitFor({ state: 'detached' });
    await form.getByRole('button', { name: 'Save and publish' }).click();
    await item.waitFor({ state: 'detached' });
    await held.getByText('Your edit is published.').waitFor();
    // Its own edit is not "someone else's decision".
    expect(await held.getByRole('alert').count()).toBe(0);
    await expect.poll(() => focused(held.getByRole('heading', { name: 'Held for review' }))).toBe(true);
    await checkA11y(supervisorPage, 'held list after an edit is published');

    // The other member now reads the edit, and not the held words.
    const readerPage = await cast.open(reader.context);
    await readerPage.goto(`/community/threads/${threadId}`);
    await readerPage.getByRole('heading', { level: 1, name: safeTitle }).waitFor();
    const post = readerPage.locator('article.post').filter({ hasText: safeText });
    await post.waitFor();
    expect(await post.innerText()).not.toMatch(/rope|hang/);
    await checkA11y(readerPage, 'thread with a supervisor’s edit');
    await readerPage.close();
  });

  it('publishes flagged words only after a second, explicit step, and tells the writer a supervisor did', async () => {
    const reply = 'I keep thinking about hanging myself with the rope I bought.';
    await cast.api.member.expect('POST', `/api/threads/${editedThreadId}/posts`, { body: reply });
    const held = supervisorPage.getByRole('region', { name: 'Held for review' });
    const item = held.getByRole('listitem').filter({ hasText: reply });
    await item.waitFor();
    await item.getByRole('button', { name: 'Edit post by northern_light' }).click();
    const form = item.getByRole('form', { name: 'Edit post by northern_light' });
    // A reply has no title to edit.
    expect(await form.getByLabel('Title', { exact: true }).count()).toBe(0);
    const edited = 'I keep thinking about hanging myself. Writing it here helps a little.';
    await form.getByLabel('Text', { exact: true }).fill(edited);
    await form.getByRole('button', { name: 'Save and publish' }).click();
    const anyway = form.getByRole('group', { name: 'Publish it as it is?' });
    await anyway.waitFor();

    // Without the box ticked, nothing is sent: the box says why and takes the focus.
    const confirm = anyway.getByLabel('I have read it and it is safe to publish');
    await anyway.getByRole('button', { name: 'Publish anyway' }).click();
    await anyway.getByText('Tick the box first, if you are sure.').waitFor();
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await checkA11y(supervisorPage, 'publish anyway, not confirmed');
    expect(await item.isVisible()).toBe(true);

    await confirm.check();
    await anyway.getByRole('button', { name: 'Publish anyway' }).click();
    await item.waitFor({ state: 'detached' });
    const posts = (await cast.api.member.expect('GET', `/api/threads/${editedThreadId}/posts`)).body.posts as { body?: string; bodyHtml?: string }[];
    expect(JSON.stringify(posts)).toContain('Writing it here helps a little.');

    // The writer's own record says a supervisor published words the check still flagged.
    await memberPage.goto('/privacy');
    const audit = memberPage.getByRole('region', { name: 'Who saw my data' });
    await audit.getByText(/although the safety check still flagged it/).first().waitFor();
  });

  it('shows the member who opened their data', async () => {
    await memberPage.goto('/privacy');
    const audit = memberPage.getByRole('region', { name: 'Who saw my data' });
    await audit.getByText(/dr_hale/).first().waitFor();
    await checkA11y(memberPage, 'privacy with an audit entry');
    expect(cast.problems).toEqual([]);
  });
});
