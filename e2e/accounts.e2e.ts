/**
 * Acceptance of issue 2 (accounts) in real Chromium against the real server: sign up, sign out,
 * sign in, edit the profile, download the export, revoke another session, delete the account;
 * and "Get help now" signed out. axe-core checks every page visited.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORGANISER, useCast } from './cast.js';
import { checkA11y, heading, openMore, watchConsole } from './harness.js';

const HANDLE = 'quiet_river';
const PASSWORD = 'lanterns over the harbour';

// The first account on a fresh install is the admin, and the last admin cannot delete their
// account; so an organiser account comes first and our member is an ordinary member.
const cast = useCast({ organiser: ORGANISER });
let page: Page;

beforeAll(async () => {
  await cast.organiser.close();
  page = await cast.open(await cast.newContext({ locale: 'en-GB' }));
});

describe('accounts in the browser', () => {
  it('signs up, signs out and signs back in', async () => {
    await page.goto('/');
    await heading(page, 'Welcome to Kindred');
    await checkA11y(page, 'home');

    await page.getByRole('main').getByRole('link', { name: 'Join Kindred' }).click();
    await heading(page, 'Join Kindred');
    await checkA11y(page, 'sign-up');

    await page.getByLabel('Pseudonym (handle)').fill(HANDLE);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Email (optional)').fill('river@example.org');
    await page.getByLabel('Country or region (optional)').selectOption('GB');
    await page.getByLabel('I am 16 or older').check();
    await page.getByRole('button', { name: 'Create my account' }).click();
    await heading(page, 'Your profile');
    await checkA11y(page, 'profile after sign-up');

    await (await openMore(page)).getByRole('button', { name: /^Sign out/ }).click();
    await heading(page, 'Sign in');
    await page.getByText('You have been signed out.').waitFor();
    await checkA11y(page, 'sign-in');

    await page.getByLabel('Pseudonym (handle)').fill(HANDLE);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, `Welcome back, ${HANDLE}`);
    await checkA11y(page, 'home signed in');
  });

  it('edits the profile and finds it saved after a reload', async () => {
    await (await openMore(page)).getByRole('link', { name: 'Profile' }).click();
    await heading(page, 'Your profile');
    await page.getByLabel('Pronouns (optional)').fill('they/them');
    await page.getByLabel('Time zone').selectOption('Europe/London');
    await page.getByLabel('Languages you speak').fill('en, cy');
    await page.getByLabel('Anxiety').check();
    await page.getByLabel('Loneliness').check();
    await page.getByLabel('Anything to add about your experience (optional)').fill('Mostly in winter.');
    await page.getByLabel('About you (optional)').fill('I like long walks and quiet tea.');
    await page.getByLabel('Trained peer supporters only').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Your profile is saved.').waitFor();
    await checkA11y(page, 'profile saved');

    await page.reload();
    await heading(page, 'Your profile');
    const pronouns = page.getByLabel('Pronouns (optional)');
    await pronouns.waitFor();
    expect(await pronouns.inputValue()).toBe('they/them');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/London');
    expect(await page.getByLabel('Languages you speak').inputValue()).toBe('en, cy');
    expect(await page.getByLabel('Anxiety').isChecked()).toBe(true);
    expect(await page.getByLabel('Loneliness').isChecked()).toBe(true);
    expect(await page.getByLabel('Depression').isChecked()).toBe(false);
    expect(await page.getByLabel('About you (optional)').inputValue()).toBe('I like long walks and quiet tea.');
    expect(await page.getByLabel('Trained peer supporters only').isChecked()).toBe(true);
    await checkA11y(page, 'profile after reload');
  });

  it('downloads the data export as JSON holding the handle', async () => {
    await (await openMore(page)).getByRole('link', { name: 'Privacy' }).click();
    await heading(page, 'Privacy');
    await checkA11y(page, 'privacy');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^kindred-export-.*\.json$/);
    const file = await download.path();
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    expect(JSON.stringify(data)).toContain(HANDLE);
  });

  it('signs out another session from the privacy page', async () => {
    const other = await cast.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto('/sign-in');
    await heading(otherPage, 'Sign in');
    await otherPage.getByLabel('Pseudonym (handle)').fill(HANDLE);
    await otherPage.getByLabel('Password').fill(PASSWORD);
    await otherPage.getByRole('button', { name: 'Sign in' }).click();
    await heading(otherPage, `Welcome back, ${HANDLE}`);

    await page.reload();
    const sessions = page.getByRole('region', { name: 'Where you are signed in' });
    const otherSession = sessions.getByRole('listitem').filter({ hasNotText: 'This device' });
    await otherSession.waitFor();
    expect(await sessions.getByRole('listitem').count()).toBe(2);
    await checkA11y(page, 'privacy with two sessions');
    await otherSession.getByRole('button', { name: /^Sign out/ }).click();
    await sessions.getByText('You are not signed in anywhere else.').waitFor();

    // The other browser is signed out: its next navigation lands on sign-in.
    await otherPage.goto('/privacy');
    await heading(otherPage, 'Sign in');
    expect(await otherPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    expect(await (await openMore(otherPage)).getByRole('button', { name: /^Sign out/ }).count()).toBe(0);
    await checkA11y(otherPage, 'sign-in after revocation');
    await other.close();
  });

  it('deletes the account, after which signing in fails', async () => {
    await page.reload();
    await heading(page, 'Privacy');
    const section = page.getByRole('region', { name: 'Delete my account' });
    await section.getByLabel('Your password').fill(PASSWORD);
    await section.getByLabel('Keep them, but remove my name (others may still find them helpful)').check();
    await section.getByLabel('Type DELETE to confirm').fill('DELETE');
    await section.getByRole('button', { name: 'Delete my account forever' }).click();
    await heading(page, 'Sign in');
    await page.getByText('Your account has been deleted.').waitFor();
    await checkA11y(page, 'sign-in after deletion');

    await page.getByLabel('Pseudonym (handle)').fill(HANDLE);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('That handle and password do not match').waitFor();
    expect(cast.problems).toEqual([]);
  });

  it('offers "Get help now" signed out, with the helplines of the chosen region', async () => {
    const anon = await cast.newContext({ width: 390 });
    const p = await anon.newPage();
    const seen = watchConsole(p);
    // The library is for members: signed out, it asks to sign in first.
    await p.goto('/library');
    await heading(p, 'Sign in');
    await checkA11y(p, 'sign-in from the library (mobile width)');

    await p.getByRole('button', { name: 'Get help now' }).click();
    const dialog = p.getByRole('dialog', { name: 'Get help now' });
    await dialog.waitFor();
    await dialog.getByText('Kindred is peer support, not an emergency service.').waitFor();
    const region = dialog.getByLabel('Your country or region');
    await region.selectOption('GB');
    await dialog.getByRole('heading', { name: 'Samaritans' }).waitFor();
    const call = dialog.getByRole('link', { name: 'Call 116 123' });
    expect(await call.getAttribute('href')).toBe('tel:116123');
    await checkA11y(p, 'help dialog, GB');

    await region.selectOption('US');
    const us = dialog.getByRole('link', { name: 'Call 988' });
    await us.waitFor();
    expect(await us.getAttribute('href')).toBe('tel:988');
    expect(await dialog.getByRole('link', { name: 'Text 988' }).getAttribute('href')).toBe('sms:988');
    await checkA11y(p, 'help dialog, US');

    await p.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(seen).toEqual([]);
    await anon.close();
  });
});
