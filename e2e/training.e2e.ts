/**
 * Acceptance of issue 7 (training and certification) in real Chromium against the real server and
 * the real curriculum: a member takes the training (the lesson, then a quiz failed, explained and
 * retaken), passes every module a peer supporter needs and asks for sign-off; a supervisor signs
 * them off; the member is now a peer supporter and sets themselves available for mentoring; then
 * writes a practice reply and sees the live empathy feedback. The supervisor who signed them off
 * becomes their supervisor (the member had none) and sees them on "My supporters". An admin finds a
 * second member’s request from the menu and decides it there (their own request is listed without
 * buttons). axe-core checks every page visited.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadCurriculum, type CurriculumModule, type QuizQuestion } from '../src/server/modules/training/curriculum.js';
import { useCast } from './cast.js';
import { checkA11y, heading, openMore } from './harness.js';

const MEMBER = 'quiet_harbour';
const SUPERVISOR = 'dr_amara';
const SECOND_MEMBER = 'steady_lantern';
const REPLY = 'That sounds exhausting, and I am really glad you wrote it down here. It makes sense that you feel flat when you spend all day pretending. What would feel helpful to talk about first?';

// The same curriculum the server reads: the test knows the right answers, the page never sends them.
const curriculum = loadCurriculum();
const forSupporters = curriculum.modules.filter((m) => m.requiredFor.includes('peer_supporter'));

// The first account on a fresh install is the admin; it makes the supervisor.
const cast = useCast({
  admin: { handle: 'organiser', region: 'GB' },
  supervisor: { handle: SUPERVISOR, region: 'GB', locale: 'en-GB', roles: ['member', 'supervisor'] },
  member: { handle: MEMBER, region: 'GB', locale: 'en-GB' },
});
let page: Page;

/** The question's fieldset, by its legend ("Question 2 of 8: …"). */
function question(p: Page, m: CurriculumModule, i: number): Locator {
  return p.getByRole('group', { name: `Question ${i + 1} of ${m.quiz.length}:` });
}

function optionText(q: QuizQuestion, id: string): string {
  return q.options.find((o) => o.id === id)!.text;
}

/** Answers every question: the right options, or for `wrong` one wrong option each. */
async function answerQuiz(p: Page, m: CurriculumModule, wrong: boolean): Promise<void> {
  for (const [i, q] of m.quiz.entries()) {
    const group = question(p, m, i);
    const ids = wrong ? [q.options.find((o) => !q.correct.includes(o.id))!.id] : q.correct;
    for (const id of ids) await group.getByLabel(optionText(q, id), { exact: true }).check();
  }
}

async function openModule(p: Page, m: CurriculumModule): Promise<void> {
  await p.goto(`/training/modules/${m.id}`);
  await heading(p, m.title);
}

describe('training and certification in the browser', () => {
  it('shows a member the modules and what is left before they can support anyone', async () => {
    page = await cast.open(cast.member);
    await page.goto('/');
    await (await openMore(page)).getByRole('link', { name: 'Training' }).click();
    await heading(page, 'Training');
    const card = page.getByRole('region', { name: 'Peer supporter certificate' });
    await card.getByText(`Modules passed: 0 of ${forSupporters.length}.`).waitFor();
    await page.getByRole('region', { name: 'Facilitator certificate' }).getByText(`Modules passed: 0 of ${curriculum.modules.length}.`).waitFor();
    expect(await card.getByRole('button', { name: /Ask for sign-off/ }).count()).toBe(0);
    await checkA11y(page, 'training page (new member)');
    // Not a supporter yet: no supporter profile.
    await page.goto('/support/profile');
    await page.getByText('Only trained peer supporters have a supporter profile.').waitFor();
  });

  it('fails a quiz, reads which answers were not right and why, tries again and passes', async () => {
    const m = forSupporters[0]!;
    await page.goto('/training');
    await page.getByRole('link', { name: m.title }).first().click();
    await heading(page, m.title);
    await page.getByRole('heading', { level: 2, name: 'Lesson' }).waitFor();
    // Before any attempt, nothing in the page says which answers are right or why.
    const before = await page.content();
    for (const q of m.quiz) expect(before).not.toContain(q.explanation);
    await page.getByRole('button', { name: 'I have read this lesson' }).click();
    await page.getByText(/You read this lesson on/).waitFor();
    await checkA11y(page, 'module page (lesson and quiz)');

    // An unanswered quiz is not sent: the first question says what is missing.
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.getByText(`${m.quiz.length} questions have no answer yet.`).waitFor();
    await answerQuiz(page, m, true);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    const needed = Math.ceil(m.passMark * m.quiz.length - 1e-9);
    await page.getByText(`You scored 0 of ${m.quiz.length}. You need ${needed} to pass.`, { exact: false }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Your result');
    await question(page, m, 0).getByText('Not quite.').waitFor();
    await question(page, m, 0).getByText(`Why: ${m.quiz[0]!.explanation}`).waitFor();
    // A failed attempt explains, but does not hand over the right options for the retake.
    expect(await page.getByText(/^The right answer:/).count()).toBe(0);
    await checkA11y(page, 'module page (quiz failed)');

    await page.getByRole('button', { name: 'Try again' }).click();
    await answerQuiz(page, m, false);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.getByText(`You scored ${m.quiz.length} of ${m.quiz.length}: passed. Well done.`).waitFor();
    expect(await page.getByText('Right.', { exact: true }).count()).toBe(m.quiz.length);
    await checkA11y(page, 'module page (quiz passed)');
  });

  it('passes every other module a peer supporter needs, and asks for sign-off', async () => {
    for (const m of forSupporters.slice(1)) {
      await openModule(page, m);
      await answerQuiz(page, m, false);
      await page.getByRole('button', { name: 'Check my answers' }).click();
      await page.getByText(`You scored ${m.quiz.length} of ${m.quiz.length}: passed. Well done.`).waitFor();
    }
    await page.goto('/training');
    await heading(page, 'Training');
    const card = page.getByRole('region', { name: 'Peer supporter certificate' });
    await card.getByText('You have passed every module this certificate needs. Ask a supervisor to sign you off.').waitFor();
    await checkA11y(page, 'training page (ready for sign-off)');
    await card.getByRole('button', { name: 'Ask for sign-off as Peer supporter' }).click();
    await card.getByText('Thank you. A supervisor will look at your training soon; we will tell you when they do.').waitFor();
    await card.getByText(/Waiting for a supervisor’s sign-off/).waitFor();
    await checkA11y(page, 'training page (waiting for sign-off)');
  });

  it('lets a supervisor see the request with the scores and sign the member off', async () => {
    const sp = await cast.open(cast.supervisor);
    await sp.goto('/');
    await (await openMore(sp)).getByRole('link', { name: 'Training sign-off' }).click();
    await heading(sp, 'Training sign-off');
    const request = sp.getByRole('listitem').filter({ has: sp.getByRole('heading', { name: `${MEMBER} — Peer supporter` }) });
    await request.getByText(`${forSupporters[0]!.title}: ${forSupporters[0]!.quiz.length} of ${forSupporters[0]!.quiz.length}`, { exact: false }).waitFor();
    await checkA11y(sp, 'sign-off page (one request)');
    await request.getByLabel(`Note to ${MEMBER}`).fill('Careful, kind answers. Welcome to the team — let us meet for a first supervision chat next week.');
    await request.getByRole('button', { name: `Sign off ${MEMBER} as Peer supporter` }).click();
    await sp.getByText(`Signed off. ${MEMBER} is now certified as Peer supporter.`).waitFor();
    await sp.getByRole('table', { name: 'Current certificates' }).getByRole('rowheader', { name: MEMBER }).waitFor();
    await checkA11y(sp, 'sign-off page (signed off, certificates)');
    // The member had no supervisor: the one who signed them off supervises them now.
    await (await openMore(sp)).getByRole('link', { name: 'My supporters' }).click();
    await heading(sp, 'My supporters');
    await sp.getByRole('link', { name: `Open ${MEMBER}` }).waitFor();
    await checkA11y(sp, 'my supporters (the new supporter)');
    await sp.close();
  });

  it('makes the member a peer supporter who can now set themselves available for mentoring', async () => {
    await page.goto('/training');
    await heading(page, 'Training');
    const card = page.getByRole('region', { name: 'Peer supporter certificate' });
    await card.getByText(/^Certified until/).waitFor();
    await card.getByText(/Welcome to the team/).waitFor();
    await checkA11y(page, 'training page (certified)');
    // The role came with the certificate: offers in the menu, and a supporter profile to fill in.
    await (await openMore(page)).getByRole('link', { name: 'Offers' }).waitFor();
    await page.goto('/support/profile');
    await heading(page, 'Your supporter profile');
    await page.getByRole('group', { name: 'Lived experience' }).getByLabel('Anxiety').check();
    await page.getByLabel('Languages you can support in').fill('en');
    await page.getByLabel('Your time zone').selectOption('Europe/London');
    await page.getByLabel('How many people can you support at once?').fill('2');
    await page.getByRole('button', { name: 'Save supporter profile' }).click();
    await page.getByText('Your supporter profile is saved.').waitFor();
    await checkA11y(page, 'supporter profile (available, after certification)');
  });

  it('writes a practice reply with live empathy feedback, then saves it', async () => {
    const m = forSupporters[0]!;
    const scenario = m.practice[0]!;
    await openModule(page, m);
    const section = page.getByRole('region', { name: scenario.title });
    await section.getByText(scenario.seekerPost).waitFor();
    const panel = section.getByRole('region', { name: 'Feedback on your reply' });
    await panel.getByText('Start writing and suggestions will appear here.').waitFor();
    await section.getByLabel('Your reply', { exact: true }).fill(REPLY);
    // The feedback follows the draft in the browser, before anything is sent.
    await panel.getByText('Warmth', { exact: true }).waitFor();
    await expect.poll(() => panel.locator('[aria-live="polite"]').textContent()).toMatch(/^Warmth: (some|strong)\. Understanding: \w+/);
    await checkA11y(page, 'practice reply with live feedback');
    await section.getByRole('button', { name: 'Save my practice reply' }).click();
    await section.getByText('Saved. Here is how your reply reads:').waitFor();
    await section.getByText('Your earlier reply (1)').waitFor();
    await checkA11y(page, 'practice reply saved');
    expect(cast.problems).toEqual([]);
  });

  it('lets an admin find a request from the menu and sign the member off, with the keyboard', async () => {
    // The second member's training is arranged through the API: this test is about the admin's page.
    const { context: second, api } = await cast.join({ handle: SECOND_MEMBER, region: 'GB', locale: 'en-GB' });
    for (const m of forSupporters) await api.expect('POST', `/api/training/modules/${m.id}/quiz`, { answers: Object.fromEntries(m.quiz.map((q) => [q.id, [...q.correct]])) });
    await api.expect('POST', '/api/training/sign-off-requests', { kind: 'peer_supporter' });
    // The admin is in training too: their own request is listed, but nobody vouches for themselves.
    const adminApi = cast.api.admin;
    for (const m of forSupporters) await adminApi.expect('POST', `/api/training/modules/${m.id}/quiz`, { answers: Object.fromEntries(m.quiz.map((q) => [q.id, [...q.correct]])) });
    await adminApi.expect('POST', '/api/training/sign-off-requests', { kind: 'peer_supporter' });

    const ap = await cast.open(cast.admin);
    await ap.goto('/');
    await (await openMore(ap)).getByRole('link', { name: 'Training sign-off' }).click();
    await heading(ap, 'Training sign-off');
    await ap.getByText('As an admin you see every request.', { exact: false }).waitFor();
    const request = ap.getByRole('listitem').filter({ has: ap.getByRole('heading', { name: `${SECOND_MEMBER} — Peer supporter` }) });
    await request.getByText(`${forSupporters[0]!.title}: ${forSupporters[0]!.quiz.length} of ${forSupporters[0]!.quiz.length}`, { exact: false }).waitFor();
    const own = ap.getByRole('listitem').filter({ has: ap.getByRole('heading', { name: 'organiser — Peer supporter' }) });
    await own.getByText('This is your own request: another supervisor or an admin decides it.').waitFor();
    expect(await own.getByRole('button').count()).toBe(0);
    await checkA11y(ap, 'sign-off page (admin, a request and their own)');

    // "Not yet" without a note is stopped in the page, and focus goes to the note that is needed.
    await request.getByRole('button', { name: `Do not sign off ${SECOND_MEMBER} yet` }).focus();
    await ap.keyboard.press('Enter');
    await request.getByText('Write a note so they know what to work on.').waitFor();
    await expect.poll(() => ap.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await ap.keyboard.type('Signed off by the organisation while your supervisor is away.');
    await checkA11y(ap, 'sign-off page (admin, note needed)');
    await request.getByRole('button', { name: `Sign off ${SECOND_MEMBER} as Peer supporter` }).focus();
    await ap.keyboard.press('Enter');
    await ap.getByText(`Signed off. ${SECOND_MEMBER} is now certified as Peer supporter.`).waitFor();
    await expect.poll(() => ap.evaluate(() => document.activeElement?.textContent ?? '')).toContain(`Signed off. ${SECOND_MEMBER}`);
    await ap.getByRole('table', { name: 'Current certificates' }).getByRole('rowheader', { name: SECOND_MEMBER }).waitFor();
    await ap.getByRole('region', { name: 'Recently decided' }).getByText(`${SECOND_MEMBER} — Peer supporter: Signed off by organiser`, { exact: false }).waitFor();
    await checkA11y(ap, 'sign-off page (admin, signed off)');
    // The server agrees: the member holds the certificate now.
    expect((await api.expect('GET', '/api/training')).body.kinds.find((k: { kind: string }) => k.kind === 'peer_supporter').state).toBe('certified');
    await ap.close();
    await second.close();
    expect(cast.problems).toEqual([]);
  });
});
