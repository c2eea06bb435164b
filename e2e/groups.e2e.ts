/**
 * Acceptance of issue 6 (programs, support groups, circles) in real Chromium against the real
 * server. The admin sets up an organization (with a facilitator on its staff), an open program and
 * a group; the facilitator schedules a weekly meeting and sets a goal; a member in New York joins
 * the program and the group (accepting the agreement first), sees the meeting in their own zone with
 * the group's London clock beside it, RSVPs, chats live with the facilitator and logs progress
 * privately; then the member makes a circle, shares a check-in into it, and a second member joins
 * by the single-use link and sees that check-in. Last, the member shares a personal recovery goal
 * with the group (the facilitator sees title and progress live, never the steps) and stops sharing
 * it. axe-core checks every page visited.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ORGANISER, useCast } from './cast.js';
import { checkA11y, heading } from './harness.js';

const ORG = 'Riverside Peer Support';
const PROGRAM = 'Evening support';
const GROUP = 'Tuesday anxiety group';
const MEETING = 'Evening circle meeting';
const GOAL = 'Each of us walks three times this week';
const PERSONAL_GOAL = 'Sleep before midnight';
const NEW_CLAUSE = 'We start and end on time, so everyone knows when the space is safe to leave.';
const FROM_FACILITATOR = 'Welcome, everyone. Tonight we will talk about what helps on hard evenings.';
const FROM_MEMBER = 'Thank you. I am glad to be here.';
const CHECKIN_NOTE = 'Slept better and went for a walk with my sister.';
const FACILITATOR = 'willow_facil';
const MEMBER = 'river_stone';
const FRIEND = 'north_lantern';

const cast = useCast({
  admin: ORGANISER,
  facilitator: { handle: FACILITATOR, password: 'facilitator password 1', region: 'GB', locale: 'en-GB' },
  // The member reads in New York; the group keeps London time.
  member: { handle: MEMBER, password: 'member password aaa', region: 'US', locale: 'en-US', timezoneId: 'America/New_York' },
  friend: { handle: FRIEND, password: 'member password bbb', region: 'GB', locale: 'en-GB', width: 390 },
});
let facPage: Page;
let memberPage: Page;
let inviteLink = '';

/** Three days from now, 18:00 on the group's clock (inside the default 90-day window). */
function firstMeetingLocal(): string {
  return `${new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10)}T18:00`;
}

describe('groups and circles in the browser', () => {
  it('lets the admin create an organization with a facilitator, an open program and a group', async () => {
    const page = await cast.open(cast.admin);
    // Nobody facilitates untrained: the admin records the facilitator's prior training first.
    await page.goto('/admin/users');
    await heading(page, 'People and roles');
    await page.getByText(`Record prior training for ${FACILITATOR}`).click();
    const training = page.getByRole('form', { name: `Record prior training for ${FACILITATOR}` });
    await training.getByLabel('Certificate').selectOption('facilitator');
    await training.getByLabel('What training it was').fill('Group facilitation course, Riverside Peer Support, 2025.');
    await training.getByRole('button', { name: 'Record training' }).click();
    await training.getByText(`Recorded: ${FACILITATOR} is certified as Facilitator until`).waitFor();
    await page.goto('/groups');
    await heading(page, 'Groups');
    await checkA11y(page, 'groups home (admin, nothing yet)');
    await page.getByRole('link', { name: 'Organizations and programs' }).click();
    await heading(page, 'Organizations and programs');
    await page.getByText('No organizations yet.').waitFor();
    await checkA11y(page, 'organizations admin (empty)');

    await page.getByLabel('Organization name').fill(ORG);
    await page.getByLabel('About the organization').fill('A peer-run charity for people living with anxiety.');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('heading', { level: 2, name: ORG }).waitFor();

    await page.getByText('Add a staff member').click();
    await page.getByLabel('Find by pseudonym').fill(FACILITATOR);
    await page.getByLabel('Person').locator('option', { hasText: FACILITATOR }).waitFor({ state: 'attached' });
    await page.getByLabel('Role', { exact: true }).selectOption('facilitator');
    await checkA11y(page, 'organizations admin (adding staff)');
    await page.getByRole('button', { name: 'Add to staff' }).click();
    await page.getByText(`${FACILITATOR} — Facilitator`).waitFor();

    await page.getByLabel('Program name').fill(PROGRAM);
    await page.getByLabel('What the program offers').fill('Weekly evening groups for anxiety, led by trained peers.');
    await page.getByLabel('Open: anyone signed in can join at once').check();
    await page.getByRole('button', { name: 'Create program' }).click();
    await heading(page, PROGRAM);
    await page.getByText('No groups in this program yet.').waitFor();
    await checkA11y(page, 'program page (lead tools)');

    await page.getByLabel('Group name').fill(GROUP);
    await page.getByLabel('What the group is about').fill('A small group for people living with anxiety. We meet on Tuesday evenings.');
    await page.getByLabel('The group’s time zone').selectOption('Europe/London');
    await page.getByLabel('Size limit').fill('8');
    await page.getByRole('group', { name: 'Facilitators' }).getByLabel(FACILITATOR).check();
    await page.getByRole('button', { name: 'Create group' }).click();
    await heading(page, GROUP);
    await page.getByText('0 of 8 places taken').first().waitFor();
    await page.getByText(`Facilitated by ${FACILITATOR}`).waitFor();
    // The admin leads the program but does not belong to it: the agreement can be changed, and
    // there is no join form (the server would refuse it).
    await page.getByText('Change the agreement').waitFor();
    expect(await page.getByRole('button', { name: 'Join the group' }).count()).toBe(0);
    await checkA11y(page, 'group page (admin)');

    // The organization lists its programs, so the admin can always find the way back to one.
    await page.goto('/groups');
    await page.getByRole('link', { name: 'Organizations and programs' }).click();
    const programs = page.getByRole('list', { name: `Programs of ${ORG}` });
    await programs.getByText('1 group').waitFor();
    await checkA11y(page, 'organizations admin (with a program)');
    await programs.getByRole('link', { name: PROGRAM }).click();
    await heading(page, PROGRAM);
    await page.close();
  });

  it('lets the facilitator schedule a weekly meeting and set a shared goal', async () => {
    facPage = await cast.open(cast.facilitator);
    await facPage.goto('/groups');
    await heading(facPage, 'Groups');
    const mine = facPage.getByRole('region', { name: 'My programs' });
    // Organization staff belong without joining: no "Join" button for them.
    await mine.getByRole('link', { name: GROUP }).waitFor();
    expect(await mine.getByRole('button', { name: `Join ${PROGRAM}` }).count()).toBe(0);
    await mine.getByRole('link', { name: GROUP }).click();
    await heading(facPage, GROUP);
    await facPage.getByText('You facilitate this group').first().waitFor();
    await facPage.getByText('No meetings scheduled yet.').waitFor();
    await checkA11y(facPage, 'group page (facilitator)');

    await facPage.getByLabel('Meeting title').fill(MEETING);
    await facPage.getByLabel('Meeting link').fill('https://meet.example.org/evening-circle');
    await facPage.getByLabel('First meeting starts').fill(firstMeetingLocal());
    await facPage.getByLabel('How often').selectOption('weekly');
    await facPage.getByLabel('How many meetings (optional)').fill('8');
    await facPage.getByRole('button', { name: 'Schedule meeting' }).click();
    await facPage.getByText(`“${MEETING}” is scheduled.`).waitFor();
    await facPage.getByRole('heading', { level: 3, name: MEETING }).first().waitFor();
    // Weekly: the next occurrences are listed too.
    expect(await facPage.getByRole('heading', { level: 3, name: MEETING }).count()).toBeGreaterThan(1);

    await facPage.getByText('Set a new goal').click();
    await facPage.getByLabel('Goal', { exact: true }).fill(GOAL);
    await facPage.getByLabel('Target for each person').fill('3');
    await facPage.getByLabel('Counted in').fill('walks');
    await facPage.getByRole('button', { name: 'Set goal' }).click();
    await facPage.getByRole('heading', { level: 3, name: GOAL }).waitFor();
    await facPage.getByText('New messages appear here as they are sent.').waitFor();
    await checkA11y(facPage, 'group page with a meeting, a goal and the chat (facilitator)');
  });

  it('lets a member join the program and the group only after accepting the agreement, then RSVP', async () => {
    memberPage = await cast.open(cast.member);
    await memberPage.goto('/groups');
    await heading(memberPage, 'Groups');
    await memberPage.getByText('You do not belong to a program yet.', { exact: false }).waitFor();
    await checkA11y(memberPage, 'groups home (member, before joining)');
    await memberPage.getByRole('button', { name: `Join ${PROGRAM}` }).click();
    await memberPage.getByText(`You joined ${PROGRAM}.`, { exact: false }).waitFor();

    await memberPage.getByRole('region', { name: 'My programs' }).getByRole('link', { name: GROUP }).click();
    await heading(memberPage, GROUP);
    await memberPage.getByText('What is said in the group stays in the group.', { exact: false }).first().waitFor();
    const join = memberPage.getByRole('button', { name: 'Join the group' });
    expect(await join.isDisabled()).toBe(true);
    // Not a member yet: no chat, and no meeting link.
    expect(await memberPage.getByRole('heading', { name: 'Group chat' }).count()).toBe(0);
    expect(await memberPage.getByRole('link', { name: /Join the meeting online/ }).count()).toBe(0);
    await checkA11y(memberPage, 'group page with the agreement (member, before joining)');

    const accept = memberPage.getByLabel('I accept the group agreement (version 1)');
    await accept.check();
    expect(await accept.isChecked()).toBe(true);
    await join.click();
    await memberPage.getByText('You accepted this version').waitFor();
    await memberPage.getByText('1 of 8 places taken').waitFor();

    // Shown in the member's own zone (New York), with the group's London clock beside it.
    const first = memberPage.getByRole('listitem').filter({ has: memberPage.getByRole('heading', { level: 3, name: MEETING }) }).first();
    await first.getByText(/On the group’s clock: .*\(Europe\/London\)/).waitFor();
    expect(await first.locator('time').first().textContent()).toMatch(/(01|02):00 PM E[SD]T/);
    await first.getByRole('link', { name: /Join the meeting online/ }).waitFor();

    await first.getByRole('button', { name: 'Going', exact: true }).click();
    await first.getByText('Your answer: Going').waitFor();
    await first.getByText('Going: 1 · Maybe: 0 · Not going: 0').waitFor();
    expect(await first.getByRole('button', { name: 'Going', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await memberPage.getByText('New messages appear here as they are sent.').waitFor();
    await checkA11y(memberPage, 'group page after joining and RSVP (member)');
  });

  it('carries chat messages live both ways between the facilitator and the member', async () => {
    await memberPage.getByLabel('Your message').focus();
    await facPage.getByLabel('Your message').fill(FROM_FACILITATOR);
    await facPage.getByRole('button', { name: 'Send message' }).click();
    await facPage.getByRole('article', { name: `Message from ${FACILITATOR}` }).getByText(FROM_FACILITATOR).waitFor();

    // Arrives for the member without a reload, and without moving their focus.
    await memberPage.getByRole('article', { name: `Message from ${FACILITATOR}` }).getByText(FROM_FACILITATOR).waitFor();
    expect(await memberPage.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');

    await memberPage.getByLabel('Your message').fill(FROM_MEMBER);
    await memberPage.getByRole('button', { name: 'Send message' }).click();
    await memberPage.getByRole('article', { name: `Message from ${MEMBER}` }).getByText(FROM_MEMBER).waitFor();
    await facPage.getByRole('article', { name: `Message from ${MEMBER}` }).getByText(FROM_MEMBER).waitFor();
    // Facilitator tools on a member's message.
    await facPage.getByRole('button', { name: `Mute ${MEMBER}` }).waitFor();
    await checkA11y(memberPage, 'group chat with live messages (member)');
    await checkA11y(facPage, 'group chat with live messages (facilitator)');
  });

  it('lets the member log goal progress privately and see the collective progress', async () => {
    const goal = memberPage.getByRole('article', { name: GOAL });
    await goal.getByText('0 of 3 walks together (0%)').waitFor();
    await goal.getByText('Log progress').click();
    await goal.getByLabel('How many walks').fill('2');
    expect(await goal.getByLabel('Only me (it still counts towards the group total)').isChecked()).toBe(true);
    await goal.getByRole('button', { name: 'Log it' }).click();
    await goal.getByText('Logged 2 walks, just for you.').waitFor();
    await goal.getByText('2 of 3 walks together (67%)').waitFor();
    await goal.getByText('2 of 3 walks (67%)').waitFor();
    expect(await goal.getByRole('progressbar', { name: 'Together' }).getAttribute('value')).toBe('2');
    await checkA11y(memberPage, 'group page after logging progress (member)');

    // The facilitator's dashboard shows the member with the agreement accepted.
    await facPage.getByRole('link', { name: 'Facilitator dashboard' }).click();
    await heading(facPage, `Dashboard: ${GROUP}`);
    await facPage.getByRole('row', { name: new RegExp(MEMBER) }).getByText('Accepted (version 1)').waitFor();
    await checkA11y(facPage, 'facilitator dashboard');
  });

  it('lets the member make a circle, invite by link and share a check-in into it', async () => {
    await memberPage.goto('/circles');
    await heading(memberPage, 'Circles');
    await memberPage.getByText('You are not in a circle yet.', { exact: false }).waitFor();
    await checkA11y(memberPage, 'circles (empty)');
    await memberPage.getByLabel('Circle name').fill('Home team');
    await memberPage.getByRole('button', { name: 'Make circle' }).click();
    await memberPage.getByRole('link', { name: 'Open Home team' }).click();
    await heading(memberPage, 'Home team');
    await memberPage.getByText('New messages and check-ins appear as they are shared.').waitFor();

    await memberPage.getByRole('button', { name: 'Make an invitation link' }).click();
    const link = memberPage.getByLabel('Invitation link');
    await link.waitFor();
    inviteLink = await link.inputValue();
    expect(inviteLink).toMatch(/\/circles\/join#.{20,}$/);
    await memberPage.getByText('Not used yet').waitFor();

    await memberPage.getByText('Share a check-in here').click();
    await memberPage.getByLabel('Okay').check();
    await memberPage.getByLabel('A few words (optional)').fill(CHECKIN_NOTE);
    const share = memberPage.getByLabel('Share with Home team');
    expect(await share.isChecked()).toBe(false);
    await share.check();
    await memberPage.getByRole('button', { name: 'Save check-in' }).click();
    await memberPage.getByText('Check-in saved and shared with 1 circle.').waitFor();
    await memberPage.getByRole('article', { name: 'Check-in from You' }).getByText(CHECKIN_NOTE).waitFor();
    await checkA11y(memberPage, 'circle page with an invitation and a check-in (maker)');
  });

  it('lets a second member join the circle by the link and see the shared check-in', async () => {
    const page = await cast.open(cast.friend);
    await page.goto(inviteLink);
    await heading(page, 'Join a circle');
    // The secret leaves the address bar once read.
    expect(new URL(page.url()).hash).toBe('');
    await checkA11y(page, 'join a circle (phone width)');
    await page.getByRole('button', { name: 'Join the circle' }).click();
    await heading(page, 'Home team');
    const checkin = page.getByRole('article', { name: `Check-in from ${MEMBER}` });
    await checkin.getByText(CHECKIN_NOTE).waitFor();
    await checkin.getByText('feeling Okay', { exact: false }).waitFor();
    await page.getByText(`${FRIEND} (you)`).waitFor();
    await checkA11y(page, 'circle page (invited member, phone width)');

    // The link was single-use: the maker sees it used.
    await memberPage.getByText('Used', { exact: true }).waitFor();

    // Used once, it does not let anyone in again.
    await page.goto(inviteLink);
    await heading(page, 'Join a circle');
    await page.getByRole('button', { name: 'Join the circle' }).click();
    await page.getByRole('alert').waitFor();
    await page.close();
  });

  it('asks members to accept a changed agreement again before they take part', async () => {
    await facPage.getByRole('link', { name: `Back to ${GROUP}` }).click();
    await heading(facPage, GROUP);
    const groupUrl = facPage.url();
    await facPage.getByText('Change the agreement').click();
    const text = facPage.getByLabel('The agreement', { exact: true });
    await text.fill(`${await text.inputValue()}\n\n${NEW_CLAUSE}`);
    await checkA11y(facPage, 'group page, changing the agreement (facilitator)');
    await facPage.getByRole('button', { name: 'Save as version 2' }).click();
    await facPage.getByText('Saved as version 2.', { exact: false }).waitFor();
    await facPage.getByText('Version 2', { exact: true }).waitFor();

    await memberPage.goto(groupUrl);
    await heading(memberPage, GROUP);
    await memberPage.getByText(NEW_CLAUSE).waitFor();
    await memberPage.getByText('The agreement has changed since you accepted it.', { exact: false }).waitFor();
    // Until the new version is accepted: no chat and no RSVP (the server refuses them too).
    expect(await memberPage.getByRole('heading', { name: 'Group chat' }).count()).toBe(0);
    expect(await memberPage.getByRole('button', { name: 'Going', exact: true }).count()).toBe(0);
    await checkA11y(memberPage, 'group page with a changed agreement (member)');

    await memberPage.getByLabel('I accept the group agreement (version 2)').check();
    await memberPage.getByRole('button', { name: 'Accept the new agreement' }).click();
    await memberPage.getByText('You accepted this version').waitFor();
    await memberPage.getByRole('heading', { name: 'Group chat' }).waitFor();
    await memberPage.getByRole('button', { name: 'Going', exact: true }).first().waitFor();
    await checkA11y(memberPage, 'group page after accepting the new agreement (member)');
  });

  it('lets the facilitator cancel a meeting series in two steps', async () => {
    const series = facPage.getByRole('region', { name: 'Meeting series' });
    // The meeting's name is a visually hidden part of the button's name.
    const cancelSeries = new RegExp(`^Cancel this series\\s*: ${MEETING}$`);
    await series.getByRole('button', { name: cancelSeries }).click();
    // The first step only asks; focus lands on the safe answer.
    const keep = series.getByRole('button', { name: 'Keep it' });
    await keep.waitFor();
    expect(await keep.evaluate((el) => el === document.activeElement)).toBe(true);
    await checkA11y(facPage, 'group page, confirming a cancellation (facilitator)');
    await keep.click();
    await series.getByRole('button', { name: cancelSeries }).click();
    await series.getByRole('button', { name: 'Yes, cancel the series' }).click();
    await series.getByText(`“${MEETING}” is cancelled.`).waitFor();
    await facPage.getByRole('region', { name: 'Upcoming meetings' }).getByText('No meetings scheduled yet.').waitFor();
    // The member's page follows live.
    await memberPage.getByRole('region', { name: 'Upcoming meetings' }).getByText('No meetings scheduled yet.').waitFor();
    await checkA11y(facPage, 'group page after cancelling the series (facilitator)');
    expect(cast.problems).toEqual([]);
  });

  it('lets the member share a personal recovery goal with the group (title and progress only) and stop sharing it', async () => {
    // The facilitator stays on the group page: the list follows live (group.goal_progress, ids only).
    const shared = facPage.getByRole('region', { name: 'Goals members shared' });
    await shared.getByText('Nobody has shared a personal goal here yet.').waitFor();
    await memberPage.goto('/recovery');
    await memberPage.getByLabel('Goal', { exact: true }).fill(PERSONAL_GOAL);
    await memberPage.getByLabel('First steps (optional)').fill('Phone out of the bedroom\nRead for ten minutes');
    await memberPage.getByRole('button', { name: 'Add goal' }).click();
    const goal = memberPage.getByRole('article', { name: PERSONAL_GOAL });
    // Private until chosen: nothing says it is shared.
    await goal.getByLabel('Share with a group').waitFor();
    expect(await goal.getByText(/^Shared with/).count()).toBe(0);
    await goal.getByLabel('Share with a group').selectOption({ label: GROUP });
    await goal.getByRole('button', { name: 'Share', exact: true }).click();
    await goal.getByText(`Shared with ${GROUP}`).waitFor();
    await checkA11y(memberPage, 'recovery plan with a goal shared with a group');

    await shared.getByRole('heading', { name: PERSONAL_GOAL }).waitFor();
    await shared.getByText(`Shared by ${MEMBER}`).waitFor();
    await shared.getByText('0 of 2 steps done').waitFor();
    expect(await shared.getByText('Phone out of the bedroom').count()).toBe(0);
    await checkA11y(facPage, 'group page with a goal a member shared (facilitator)');

    await goal.getByRole('button', { name: /^Stop sharing/ }).click();
    await goal.getByRole('button', { name: 'Share', exact: true }).waitFor();
    await shared.getByText('Nobody has shared a personal goal here yet.').waitFor();
    expect(cast.problems).toEqual([]);
  });
});
