/**
 * Acceptance of issue 5 (one-to-one peer support) in real Chromium against the real server. The
 * admin makes a member a peer supporter (and assigns their supervisor); the supporter fills in their supporter profile (with the
 * keyboard-friendly availability rows); a member in another browser context asks for support; the
 * supporter, with the offers page open, sees the offer arrive live and accepts; both chat live: a
 * message from each side arrives without a reload, with the screen's verdict for the supporter,
 * "… is typing", and the sender's "Delivered" then "Read"; the member ends the mentorship with a
 * closing message and leaves private feedback. Having let a supervisor read the conversation, the
 * member's consent brings it to the supervisor's oversight page, read-only, where the private
 * feedback is read too. axe-core checks every page visited.
 *
 * Every wait is for text that appears only after the server answered (or an event arrived), never
 * a fixed sleep.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ORGANISER, openPeopleAndRoles, saveRoles, useCast } from './cast.js';
import { checkA11y, heading, openMore } from './harness.js';

const SUPPORTER = 'steady_oak';
const MEMBER = 'river_stone';
const TOPIC = 'Panic attacks before lectures, and feeling alone with it';
const FIRST = 'Hi, thank you for accepting. Mornings before lectures are the hardest, I feel overwhelmed.';
const REPLY = 'Thank you for telling me. Mornings were hard for me too. What usually helps a little?';
const LATER = 'Take your time. I am here this evening.';
const DESPAIR = 'Honestly I feel like everyone would be better off without me.';
const CONTACT = 'You can text me on 07700 900123 if that is easier.';
const CLOSING = 'Thank you for listening these weeks. I feel steadier now.';
const FEEDBACK = 'Very kind and patient. I felt heard.';
const SUPERVISOR = 'dr_hale';

const cast = useCast({
  admin: ORGANISER,
  supervisor: { handle: SUPERVISOR, password: 'supervisor password 1' },
  supporter: { handle: SUPPORTER, password: 'supporter password 1', region: 'GB', locale: 'en-GB' },
  member: { handle: MEMBER, password: 'member password 111', region: 'GB', locale: 'en-GB' },
});
let pageS: Page;
let pageM: Page;

/** One message in the conversation, by its words. */
function message(p: Page, text: string): Locator {
  return p.getByRole('article').filter({ hasText: text });
}

describe('one-to-one peer support in the browser', () => {
  it('lets the admin make someone a peer supporter (and someone else a supervisor)', async () => {
    const page = await cast.open(cast.admin);
    await openPeopleAndRoles(page);
    await saveRoles(page, SUPPORTER, ['Peer supporter']);
    // Nobody takes new mentees without a valid certificate: the admin records their prior training.
    await page.getByText(`Record prior training for ${SUPPORTER}`).click();
    const training = page.getByRole('form', { name: `Record prior training for ${SUPPORTER}` });
    await training.getByLabel('Certificate').selectOption('peer_supporter');
    await training.getByLabel('What training it was').fill('Peer support course at the local Mind, spring 2025.');
    await checkA11y(page, 'people and roles (recording prior training)');
    await training.getByRole('button', { name: 'Record training' }).click();
    await training.getByText(`Recorded: ${SUPPORTER} is certified as Peer supporter until`).waitFor();
    await saveRoles(page, SUPERVISOR, ['Supervisor']);
    // The member's consent reaches the supporter's own supervisor (issue 7): assign one.
    await page.goto('/admin/supervision');
    await heading(page, 'Supervisors');
    await page.getByLabel(`Supervisor for ${SUPPORTER}`).selectOption({ label: `${SUPERVISOR}: 0 supporters` });
    await page.getByRole('button', { name: `Assign the supervisor of ${SUPPORTER}` }).click();
    await page.getByText(`${SUPERVISOR} now supervises ${SUPPORTER}.`).waitFor();
    await page.close();
  });

  it('lets the supporter fill in their supporter profile, hours row by row', async () => {
    pageS = await cast.open(cast.supporter);
    await pageS.goto('/');
    // Peer supporters see their offers in the navigation.
    await (await openMore(pageS)).getByRole('link', { name: 'Offers' }).waitFor();
    await pageS.goto('/support/profile');
    await heading(pageS, 'Your supporter profile');
    await checkA11y(pageS, 'supporter profile (new)');

    const tags = pageS.getByRole('group', { name: 'Lived experience' });
    await tags.getByLabel('Anxiety').check();
    await tags.getByLabel('Student life').check();
    await pageS.getByLabel('Languages you can support in').fill('en');
    await pageS.getByLabel('Your time zone').selectOption('Europe/London');

    // Every day, all day (so no "outside their hours" note depends on when the test runs): the
    // first row from 00:00 until midnight, the second removed, then one row added per day.
    const first = pageS.getByRole('group', { name: 'Window 1' });
    await first.getByLabel('Day').selectOption({ label: 'Monday' });
    await first.getByLabel('From').fill('00:00');
    await first.getByLabel('Until').fill('00:00');
    await pageS.getByRole('button', { name: 'Remove Window 2' }).click();
    expect(await pageS.getByRole('group', { name: /^Window \d$/ }).count()).toBe(1);
    for (let n = 2; n <= 7; n++) {
      await pageS.getByRole('button', { name: 'Add a time window' }).click();
      // The new row's day takes focus, so the keyboard carries on where the row appeared.
      const day = pageS.getByRole('group', { name: `Window ${n}` }).getByLabel('Day');
      await expect.poll(() => day.evaluate((el) => el === document.activeElement)).toBe(true);
    }
    expect(await pageS.getByRole('group', { name: 'Window 7' }).getByLabel('Day').inputValue()).toBe('7');
    expect(await pageS.getByRole('group', { name: 'Window 7' }).getByLabel('Until').inputValue()).toBe('00:00');

    await pageS.getByLabel('How many people can you support at once?').fill('2');
    await pageS.getByLabel('A short introduction (optional)').fill('I lived with panic attacks through university and found my way. Happy to listen.');
    await pageS.getByRole('button', { name: 'Save supporter profile' }).click();
    await pageS.getByText('Your supporter profile is saved.').waitFor();
    await checkA11y(pageS, 'supporter profile (saved)');
  });

  it('shows the supporter their offers page, empty and live, with their load', async () => {
    await pageS.getByRole('link', { name: 'Offers and your load' }).first().click();
    await heading(pageS, 'Offers');
    await pageS.getByText('No requests for you right now. New ones appear here as they come.').waitFor();
    await pageS.getByText('New offers appear here as they come.').waitFor();
    await pageS.getByRole('region', { name: 'Your load' }).getByText('0 of 2').waitFor();
    await checkA11y(pageS, 'offers page (empty)');
  });

  it('lets the member ask for a peer supporter and tells them honestly where it stands', async () => {
    pageM = await cast.open(cast.member);
    await pageM.goto('/');
    await pageM.getByRole('navigation').getByRole('link', { name: 'Peer support' }).click();
    await heading(pageM, 'Talk to a peer supporter');
    await checkA11y(pageM, 'ask for a peer supporter');

    await pageM.getByLabel('What would you like to talk about?').fill(TOPIC);
    await pageM.getByText('Preferences (optional)').click();
    await pageM.getByRole('group', { name: 'Shared experiences' }).getByLabel('Anxiety').check();
    await checkA11y(pageM, 'ask form with preferences open');
    await pageM.getByRole('button', { name: 'Ask for a peer supporter' }).click();

    await pageM.getByRole('heading', { name: 'Where your request stands' }).waitFor();
    await pageM.getByText('We have offered your request to 1 peer supporter.').waitFor();
    await pageM.getByText('1 of them has it in front of them now. The first to accept will be your supporter.').waitFor();
    await pageM.getByText(/If nobody accepts, we will also ask more supporters in \d+ minutes/).waitFor();
    await pageM.getByText('This page updates by itself when a supporter accepts.').waitFor();
    // What to do meanwhile: the community, and coping ideas from the library for the chosen experience.
    const meanwhile = pageM.getByRole('region', { name: 'While you wait' });
    await meanwhile.getByRole('link', { name: 'Read or post in the community' }).waitFor();
    await meanwhile.locator('a[href^="/library/strategies/"]').first().waitFor();
    await checkA11y(pageM, 'request status');
  });

  it('brings the offer to the supporter live; the supporter accepts', async () => {
    const offer = pageS.getByRole('article', { name: `A request from ${MEMBER}` });
    await offer.getByText(TOPIC).waitFor();
    await offer.getByText(/^Why you: you share Anxiety/).waitFor();
    await checkA11y(pageS, 'offers page with an offer');
    await offer.getByRole('button', { name: 'Accept' }).click();
    await heading(pageS, `Conversation with ${MEMBER}`);
    await pageS.getByText('New messages appear here as they are sent.').waitFor();
    await checkA11y(pageS, 'conversation (supporter, empty)');
  });

  it('tells the member live that a supporter accepted, and opens the conversation', async () => {
    await pageM.getByText(`${SUPPORTER} has accepted your request and is ready to talk.`).waitFor();
    await checkA11y(pageM, 'request matched');
    await pageM.getByRole('link', { name: 'Open your conversation' }).click();
    await heading(pageM, `Conversation with ${SUPPORTER}`);
    await pageM.getByText('New messages appear here as they are sent.').waitFor();
    await checkA11y(pageM, 'conversation (member, empty)');
  });

  it('carries a message each way live, with the verdict for the supporter, typing, and receipts', async () => {
    // Member → supporter: Enter sends.
    const box = pageM.getByLabel('Your message');
    await box.fill(FIRST);
    await box.press('Enter');
    await message(pageM, FIRST).waitFor();
    expect(await box.inputValue()).toBe('');

    // The supporter sees it without a reload, with the safety screen's verdict and guidance.
    const received = message(pageS, FIRST);
    await received.getByText(MEMBER, { exact: true }).waitFor();
    await received.getByText('Safety screen: distress.').waitFor();
    await received.getByRole('button', { name: 'Bring in my supervisor' }).waitFor();
    // The supporter's page is open and visible, so the member's message is read at once.
    await message(pageM, FIRST).getByText('Read', { exact: true }).waitFor();
    await checkA11y(pageS, 'conversation (supporter) with a message and its verdict');

    // Supporter → member: the member sees "… is typing" first, then the message, live.
    const reply = pageS.getByLabel('Your message');
    await reply.fill(REPLY);
    await pageM.getByText(`${SUPPORTER} is typing…`).waitFor();
    await pageS.getByRole('button', { name: 'Send', exact: true }).click();
    await message(pageM, REPLY).getByText(SUPPORTER, { exact: true }).waitFor();
    await message(pageS, REPLY).getByText('Read', { exact: true }).waitFor();
    // The member never sees a verdict on anyone's words.
    expect(await pageM.getByText(/Safety screen/).count()).toBe(0);
    await checkA11y(pageM, 'conversation (member) with both messages');
  });

  it('answers the member’s words of despair with the crisis lines, not a link to find the peer supporter they are talking to', async () => {
    const box = pageM.getByLabel('Your message');
    await box.fill(DESPAIR);
    await box.press('Enter');
    await message(pageM, DESPAIR).waitFor();
    const panel = pageM.locator('section.crisis-panel');
    await panel.getByRole('link', { name: 'Call Samaritans on 116 123' }).waitFor();
    // Their supporter is right here: "Talk to a peer supporter now" would only lead away from them.
    expect(await panel.getByRole('link', { name: 'Talk to a peer supporter now' }).count()).toBe(0);
    await panel.getByRole('button', { name: /hide this/ }).click();
    await message(pageS, DESPAIR).getByText(/^Safety screen: /).waitFor();
  });

  it('gives the supporter live empathy feedback on a draft (never the member), collapsible, words untouched', async () => {
    const box = pageS.getByLabel('Your message');
    const draft = 'At least you got up today. You should just relax before lectures.';
    await box.fill(draft);
    const panel = pageS.getByRole('region', { name: 'Feedback on your reply' });
    // After a pause in typing: the pitfalls, quoting the words they are about, and a suggestion.
    await panel.getByText(/may make their feelings sound small/).waitFor();
    await panel.getByText('In your words: “At least”').waitFor();
    await panel.getByText('You offer advice; first let them know you heard how hard this is.').waitFor();
    // One short summary for screen readers, in a polite live region.
    await panel.locator('[aria-live="polite"]').getByText(/^Warmth: not yet\. Understanding: not yet\. Exploring: not yet\. \d+ notes\.$/).waitFor();
    expect(await box.inputValue()).toBe(draft);
    await checkA11y(pageS, 'conversation (supporter) with empathy feedback on a draft');

    const hide = panel.getByRole('button', { name: 'Hide feedback' });
    expect(await hide.getAttribute('aria-expanded')).toBe('true');
    await hide.click();
    const show = panel.getByRole('button', { name: 'Show feedback' });
    expect(await show.getAttribute('aria-expanded')).toBe('false');
    expect(await panel.getByText(/may make their feelings sound small/).isVisible()).toBe(false);
    await show.click();

    await box.fill("I'm so sorry mornings are this hard. It sounds exhausting. What would help most before a lecture?");
    await panel.getByText('You said how their words make you feel.').waitFor();
    await panel.getByText('You asked about their feelings or experience.').waitFor();
    expect(await panel.getByText(/may make their feelings sound small/).count()).toBe(0);
    await box.fill('');
    // The member writes in the same conversation without any feedback panel.
    await pageM.getByLabel('Your message').waitFor();
    expect(await pageM.getByRole('region', { name: 'Feedback on your reply' }).count()).toBe(0);
  });

  it('holds a message with contact details, explains why to its writer, and never shows it to the other side', async () => {
    const box = pageM.getByLabel('Your message');
    await box.fill(CONTACT);
    await pageM.getByRole('button', { name: 'Send', exact: true }).click();
    await pageM.getByText('We found: a phone number.').waitFor();
    // Not sent, and kept in the box to edit.
    expect(await box.inputValue()).toBe(CONTACT);
    await message(pageM, CONTACT).getByText(/Your message was not sent/).waitFor();
    await checkA11y(pageM, 'conversation (member) with a held message');
    await box.fill('');
  });

  it('shows the sender "Delivered" while the member is elsewhere, then "Read" when they open it', async () => {
    await pageM.getByRole('link', { name: 'All your conversations' }).click();
    await heading(pageM, 'Talk to a peer supporter');

    await pageS.getByLabel('Your message').fill(LATER);
    await pageS.getByLabel('Your message').press('Enter');
    const later = message(pageS, LATER);
    // Reached the member's device (their app is open on another page) but not read yet.
    await later.getByText('Delivered', { exact: true }).waitFor();
    expect(await later.getByText('Read', { exact: true }).count()).toBe(0);

    const unread = pageM.getByRole('link', { name: 'Peer support (1 unread message)' });
    await unread.waitFor();
    await checkA11y(pageM, 'peer support page with an unread message');
    await pageM.getByRole('link', { name: `Conversation with ${SUPPORTER} (your peer supporter)` }).click();
    await heading(pageM, `Conversation with ${SUPPORTER}`);
    await message(pageM, LATER).waitFor();
    await later.getByText('Read', { exact: true }).waitFor();
    await pageM.getByRole('link', { name: 'Peer support', exact: true }).waitFor();
  });

  it('lets the member let a supervisor read the conversation (a switch that shows the server’s answer)', async () => {
    const consent = pageM.getByRole('switch', { name: /^Let your supporter’s supervisor read this conversation/ });
    expect(await consent.isChecked()).toBe(false);
    await consent.check();
    await pageM.getByText(/^On until .+ Turn off at any time\.$/).waitFor();
    expect(await consent.isChecked()).toBe(true);
    await pageM.getByText(/^A supervisor may read this conversation until/).waitFor();
    await checkA11y(pageM, 'conversation (member) with consent given');
  });

  it('lets the member end the mentorship with a kind closing message', async () => {
    await pageM.getByRole('button', { name: 'End this mentorship' }).click();
    const dialog = pageM.getByRole('dialog', { name: 'End this mentorship' });
    await dialog.waitFor();
    await dialog.getByLabel('A closing message (optional)').fill(CLOSING);
    await checkA11y(pageM, 'end mentorship dialog');
    await dialog.getByRole('button', { name: 'End mentorship' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await pageM.getByText('You ended this mentorship. You can still read the conversation.').waitFor();
    await message(pageM, CLOSING).getByText('Closing message from You').waitFor();
    expect(await pageM.getByLabel('Your message').count()).toBe(0);

    // The supporter learns it live, with the closing message.
    await pageS.getByText(`This mentorship with ${MEMBER} has ended. You can still read the conversation.`).waitFor();
    await message(pageS, CLOSING).getByText(`Closing message from ${MEMBER}`).waitFor();
    // The held message never reached the supporter, though later ones did.
    expect(await message(pageS, CONTACT).count()).toBe(0);
    expect(await pageS.getByLabel('Your message').count()).toBe(0);
    await checkA11y(pageS, 'conversation (supporter) after the end');
  });

  it('lets the member leave private feedback, 1 to 5 as labelled choices', async () => {
    const form = pageM.getByRole('form', { name: `How was it with ${SUPPORTER}?` });
    await form.getByText(`Only ${SUPPORTER}’s supervisor sees this`, { exact: false }).waitFor();
    await checkA11y(pageM, 'feedback form');
    const rating = form.getByRole('group', { name: `How helpful was ${SUPPORTER} for you?` });
    await rating.getByRole('radio', { name: '5 – Very helpful' }).check();
    expect(await rating.getByRole('radio', { name: '5 – Very helpful' }).isChecked()).toBe(true);
    await form.getByLabel('Anything you would like to add (optional)').fill(FEEDBACK);
    await form.getByRole('button', { name: 'Send private feedback' }).click();
    await pageM.getByText('Thank you. Your feedback is with the supporter’s supervisor only.').waitFor();
    await checkA11y(pageM, 'after feedback');

    // Back on the peer support page: the conversation is listed as an earlier one, feedback given.
    await pageM.getByRole('link', { name: 'All your conversations' }).click();
    await pageM.getByRole('heading', { name: 'Earlier conversations' }).waitFor();
    await pageM.getByRole('heading', { name: 'Ask for a peer supporter' }).waitFor();
    expect(await pageM.getByText(`Tell us privately how it went with ${SUPPORTER}`).count()).toBe(0);
    await checkA11y(pageM, 'peer support page after the mentorship');
  });

  it('gives the supporter empathy feedback on a community reply too', async () => {
    const page = await cast.open(cast.supporter);
    await page.goto('/community');
    await heading(page, 'Community');
    await page.getByRole('link', { name: 'Anxiety' }).click();
    await heading(page, 'Anxiety');
    await page.getByRole('link', { name: 'Start a thread' }).click();
    await heading(page, 'Start a thread');
    await page.getByLabel('Title').fill('Lectures and panic: what helped me');
    await page.getByLabel('What you would like to share').fill('Breathing slowly before the lecture hall helped me more than I expected.');
    await page.getByRole('button', { name: 'Post thread' }).click();
    await heading(page, 'Lectures and panic: what helped me');

    await page.getByLabel('Your reply', { exact: true }).fill('Everything happens for a reason.');
    const panel = page.getByRole('region', { name: 'Feedback on your reply' });
    await panel.getByText(/Upbeat sayings can feel like being told not to feel this way/).waitFor();
    await checkA11y(page, 'thread page with empathy feedback on a reply');
    await page.close();
  });

  it('opens the consented conversation read-only to a supervisor, and the private feedback', async () => {
    const page = await cast.open(cast.supervisor);
    await page.goto('/');
    await (await openMore(page)).getByRole('link', { name: 'Peer support oversight' }).click();
    await heading(page, 'Peer support oversight');
    const granted = page.getByRole('link', { name: `Conversation between ${MEMBER} and ${SUPPORTER}` });
    await granted.waitFor();
    await page.getByText(/^With the member’s consent · until/).waitFor();
    await checkA11y(page, 'oversight page');

    await granted.click();
    await heading(page, `Conversation between ${MEMBER} and ${SUPPORTER}`);
    await message(page, FIRST).getByText('Safety screen: distress.').waitFor();
    await message(page, CLOSING).waitFor();
    expect(await page.getByLabel('Your message').count()).toBe(0);
    await checkA11y(page, 'conversation read by a supervisor');

    await page.goBack();
    await heading(page, 'Peer support oversight');
    await page.getByLabel('Supporter', { exact: true }).selectOption({ label: SUPPORTER });
    await page.getByRole('button', { name: 'Read feedback' }).click();
    await page.getByText(`${SUPPORTER}: average 5.0 from 1 member.`).waitFor();
    await page.getByText(FEEDBACK).waitFor();
    await checkA11y(page, 'oversight page with feedback');
    expect(cast.problems).toEqual([]);
  });
});
