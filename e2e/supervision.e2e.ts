/**
 * Supervision (issue 7) in real Chromium against the real server. The admin makes someone a peer
 * supporter and someone else a supervisor, then assigns the supervisor on the Supervisors page
 * (with each supervisor's load). The supervisor's "My supporters" lists the supporter. The
 * supporter answers the weekly wellbeing check-in with the keyboard (a low answer), and requests
 * supervision; the supervisor sees both on their dashboard, each with its time limit, opens the
 * conversation and replies; both sides see the other's message arrive live, without a reload.
 * The supervisor marks the low check-in as talked about. axe-core checks every page visited.
 *
 * Every wait is for text that appears only after the server answered (or an event arrived).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ORGANISER, openPeopleAndRoles, saveRoles, useCast } from './cast.js';
import { checkA11y, heading, openMore } from './harness.js';

const SUPPORTER = 'calm_harbour';
const SUPERVISOR = 'dr_okafor';
const ASK = 'A mentee told me something heavy today and it is staying with me. Could we talk?';
const REPLY = 'Thank you for reaching out. I am free at four today, shall we talk then?';
const THANKS = 'Four works for me, thank you.';

const cast = useCast({
  admin: ORGANISER,
  supervisor: { handle: SUPERVISOR, password: 'supervisor password 1', locale: 'en-GB' },
  supporter: { handle: SUPPORTER, password: 'supporter password 1', region: 'GB', locale: 'en-GB' },
});
let pageS: Page;
let pageV: Page;

describe('supervision in the browser', () => {
  it('lets the admin give the roles and assign the supervisor, seeing each supervisor’s load', async () => {
    const page = await cast.open(cast.admin);
    await openPeopleAndRoles(page);
    await saveRoles(page, SUPPORTER, ['Peer supporter']);
    await saveRoles(page, SUPERVISOR, ['Supervisor']);

    await (await openMore(page)).getByRole('link', { name: 'Supervisors' }).click();
    await heading(page, 'Supervisors');
    await page.getByText('1 supporter has no supervisor.').waitFor();
    const load = page.getByRole('list', { name: 'Supervisors and their load' });
    await load.getByText(`${SUPERVISOR}: 0 supporters`).waitFor();
    await checkA11y(page, 'supervisor assignments (none yet)');
    await page.getByLabel(`Supervisor for ${SUPPORTER}`).selectOption({ label: `${SUPERVISOR}: 0 supporters` });
    await page.getByRole('button', { name: `Assign the supervisor of ${SUPPORTER}` }).click();
    await page.getByText(`${SUPERVISOR} now supervises ${SUPPORTER}.`).waitFor();
    await page.getByText('Every supporter has a supervisor.').waitFor();
    await load.getByText(`${SUPERVISOR}: 1 supporter`).waitFor();
    await checkA11y(page, 'supervisor assignments (assigned)');
    await page.close();
  });

  it('shows the supervisor their supporter on “My supporters”', async () => {
    pageV = await cast.open(cast.supervisor);
    await pageV.goto('/');
    await (await openMore(pageV)).getByRole('link', { name: 'My supporters' }).click();
    await heading(pageV, 'My supporters');
    await pageV.getByRole('link', { name: `Open ${SUPPORTER}` }).waitFor();
    await pageV.getByText('Nothing is waiting for you right now.').waitFor();
    await checkA11y(pageV, 'my supporters');
  });

  it('lets the supporter answer the weekly check-in with the keyboard; a low answer tells the supervisor', async () => {
    pageS = await cast.open(cast.supporter);
    await pageS.goto('/');
    await (await openMore(pageS)).getByRole('link', { name: 'My supervision' }).click();
    await heading(pageS, 'My supervision');
    await pageS.getByText(`Your supervisor is ${SUPERVISOR}.`).waitFor();
    await checkA11y(pageS, 'my supervision');

    // Submitting with nothing chosen says what is missing and puts focus on the first question.
    await pageS.getByRole('button', { name: 'Send my check-in' }).click();
    await pageS.getByText('Please choose an answer.').first().waitFor();
    const energy = pageS.getByRole('group', { name: 'How much energy have you had this week?' });
    await expect.poll(() => energy.getByRole('radio', { name: '1: Very little' }).evaluate((el) => el === document.activeElement)).toBe(true);
    // Arrow keys move through a radio group and choose as they go.
    await pageS.keyboard.press('ArrowRight');
    expect(await energy.getByRole('radio', { name: '2: Little' }).isChecked()).toBe(true);
    await pageS.getByRole('group', { name: 'How manageable did supporting others feel?' }).getByRole('radio', { name: '2: Heavy' }).focus();
    await pageS.keyboard.press('Space');
    await pageS.getByRole('group', { name: 'How supported do you feel in your role?' }).getByRole('radio', { name: '4: Well' }).check();
    await pageS.getByLabel('Anything you want your supervisor to know (optional)').fill('Two hard conversations this week.');
    await pageS.getByRole('button', { name: 'Send my check-in' }).focus();
    await pageS.keyboard.press('Enter');
    await pageS.getByText('Thank you for being honest. Your supervisor will offer a conversation soon').waitFor();
    await pageS.getByRole('table', { name: 'My recent check-ins (1 is low, 5 is good)' }).getByText('Two hard conversations this week.').waitFor();
    await checkA11y(pageS, 'my supervision after the check-in');
  });

  it('lets the supporter request supervision, which opens the conversation', async () => {
    await pageS.getByLabel('What would you like to talk about?').fill(ASK);
    await pageS.getByRole('button', { name: 'Request supervision' }).click();
    await heading(pageS, `Supervision: ${SUPPORTER} and ${SUPERVISOR}`);
    await pageS.getByRole('article').filter({ hasText: ASK }).waitFor();
    await pageS.getByText('Live updates are on.').waitFor();
    await checkA11y(pageS, 'supervision conversation (supporter)');
  });

  it('shows the supervisor both items with their time limits, and lets them reply; each side sees the other live', async () => {
    // The dashboard refreshes from the socket: no reload.
    const attention = pageV.getByRole('list', { name: 'Needs attention' });
    await attention.getByRole('heading', { name: 'Low wellbeing check-in' }).waitFor();
    await attention.getByRole('heading', { name: 'Waiting for your reply in supervision' }).waitFor();
    await attention.getByText('Time limit: 3 days').waitFor();
    await attention.getByText('Time limit: 24 hours').waitFor();
    await checkA11y(pageV, 'my supporters with items');

    await pageV.getByRole('link', { name: `Open ${SUPPORTER}` }).click();
    await heading(pageV, `Supporting ${SUPPORTER}`);
    await pageV.getByRole('table', { name: `The last check-ins of ${SUPPORTER} (1 is low, 5 is good)` }).getByText('Two hard conversations this week.').waitFor();
    await pageV.getByRole('heading', { name: `Empathy trend of ${SUPPORTER}` }).waitFor();
    await pageV.getByRole('button', { name: 'Show as table' }).click();
    await pageV.getByRole('table', { name: /^Weekly averages/ }).waitFor();
    await checkA11y(pageV, 'supporter page');

    await pageV.getByRole('link', { name: 'Open the conversation' }).click();
    await heading(pageV, `Supervision: ${SUPPORTER} and ${SUPERVISOR}`);
    await pageV.getByRole('article').filter({ hasText: ASK }).waitFor();
    await pageV.getByText('Live updates are on.').waitFor();
    await pageV.getByLabel('Your message').fill(REPLY);
    await pageV.getByRole('button', { name: 'Send' }).click();
    await pageV.getByRole('article').filter({ hasText: REPLY }).waitFor();
    // The supporter's open page receives it through the room, without a reload.
    await pageS.getByRole('article').filter({ hasText: REPLY }).waitFor();
    await checkA11y(pageV, 'supervision conversation (supervisor)');

    await pageS.getByLabel('Your message').fill(THANKS);
    await pageS.getByRole('button', { name: 'Send' }).click();
    await pageV.getByRole('article').filter({ hasText: THANKS }).waitFor();
    await checkA11y(pageS, 'supervision conversation (supporter, both ways)');
  });

  it('lets the supervisor mark the low check-in as talked about', async () => {
    await (await openMore(pageV)).getByRole('link', { name: 'My supporters' }).click();
    await heading(pageV, 'My supporters');
    await pageV.getByRole('button', { name: `Mark the low check-in of ${SUPPORTER} as talked about` }).click();
    await pageV.getByRole('list', { name: 'Needs attention' }).getByRole('heading', { name: 'Waiting for your reply in supervision' }).waitFor();
    await expect.poll(() => pageV.getByRole('heading', { name: 'Low wellbeing check-in' }).count()).toBe(0);
    await checkA11y(pageV, 'my supporters after the follow-up');
    expect(cast.problems).toEqual([]);
  });
});
