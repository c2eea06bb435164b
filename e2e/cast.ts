import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ContextApi } from './api.js';
import { heading, launchBrowser, newContext, signUpViaApi, startServer, watchConsole, type ContextOptions, type RunningServer, type StartOptions } from './harness.js';

/** Someone a browser test needs: their account, and the browser they read in. */
export interface Person extends ContextOptions {
  handle: string;
  /** Default `<handle> password long enough`. */
  password?: string;
  /** Sent at sign-up only when given. */
  region?: string;
  /**
   * The roles the admin (the cast's first person) gives them through the API once everyone has
   * signed up, as `PUT /api/admin/users/:id/roles` takes them, e.g. `['member', 'supervisor']`.
   */
  roles?: string[];
}

/** The first account on a fresh install, so the admin. */
export const ORGANISER: Person = { handle: 'organiser', password: 'organiser password 1' };

/** What `useCast` shares with the test file besides each person's browser context. */
export interface Stage<Name extends string> {
  server: RunningServer;
  browser: Browser;
  /** Each person's API, through their own context (so their session). */
  api: Record<Name, ContextApi>;
  /** Each person's account id. */
  id: Record<Name, string>;
  /** Uncaught page errors and CSP refusals on every page opened with `open` (or watched with `watch`). */
  problems: string[];
  /** Records `page`'s problems in `problems` from now on. */
  watch(page: Page): Page;
  /** A new page in `context`, watched. */
  open(context: BrowserContext): Promise<Page>;
  /** Another context on the server, signed in as nobody. */
  newContext(opts?: ContextOptions): Promise<BrowserContext>;
  /** Signs up someone more, in a new context of their own. */
  join(person: Person): Promise<{ context: BrowserContext; api: ContextApi; id: string }>;
}

/** Each person's browser context (signed in as them) under the name the test gave them. */
export type Cast<Name extends string> = Stage<Name> & Record<Name, BrowserContext>;

const stageKeys = new Set(['server', 'browser', 'api', 'id', 'problems', 'watch', 'open', 'newContext', 'join']);

/**
 * The set-up the browser tests share. Registers a `beforeAll` that starts the real server (with
 * `server` options), launches Chromium and signs `people` up through the API in the order given
 * (so the first is the admin), each in a context of their own with their locale, width and time
 * zone; then the admin gives the `roles` asked for. An `afterAll` closes the browser and stops the
 * server. The returned cast is filled in once the `beforeAll` has run; a file's own `beforeAll`
 * (registered after this call) runs after it.
 */
export function useCast<Name extends string>(people: Record<Name, Person>, opts: { server?: StartOptions } = {}): Cast<Name> {
  const names = Object.keys(people) as Name[];
  const clash = names.find((n) => stageKeys.has(n));
  if (clash) throw new Error(`"${clash}" names a part of the cast: call the person something else`);
  const problems: string[] = [];
  const stage: Stage<Name> = {
    server: undefined as unknown as RunningServer,
    browser: undefined as unknown as Browser,
    api: {} as Record<Name, ContextApi>,
    id: {} as Record<Name, string>,
    problems,
    watch: (page) => {
      watchConsole(page, problems);
      return page;
    },
    open: async (context) => stage.watch(await context.newPage()),
    newContext: (o) => newContext(stage.browser, stage.server.baseURL, o),
    join: async (person) => {
      const context = await stage.newContext(person);
      const { id } = await signUpViaApi(context, { handle: person.handle, password: person.password ?? `${person.handle} password long enough`, region: person.region });
      return { context, api: new ContextApi(context), id };
    },
  };
  const cast = stage as Cast<Name>;

  beforeAll(async () => {
    stage.server = await startServer(opts.server);
    stage.browser = await launchBrowser();
    for (const name of names) {
      const { context, api, id } = await stage.join(people[name]);
      Object.assign(cast, { [name]: context });
      stage.api[name] = api;
      stage.id[name] = id;
    }
    const admin = names[0];
    for (const name of names) {
      const roles = people[name].roles;
      if (roles) await stage.api[admin!].expect('PUT', `/api/admin/users/${stage.id[name]}/roles`, { roles });
    }
  });

  afterAll(async () => {
    await stage.browser?.close();
    await stage.server?.stop();
  });

  return cast;
}

/** On the admin's "People and roles" page: ticks `roles` (their labels) for `handle` and saves them. */
export async function saveRoles(page: Page, handle: string, roles: string[]): Promise<void> {
  const group = page.getByRole('group', { name: `Roles for ${handle}` });
  for (const role of roles) await group.getByLabel(role).check();
  await page.getByRole('button', { name: `Save roles for ${handle}` }).click();
  await page.getByText(`Roles saved for ${handle}.`).waitFor();
}

/** Opens the admin's "People and roles" page in `page` and waits for it. */
export async function openPeopleAndRoles(page: Page): Promise<Page> {
  await page.goto('/admin/users');
  await heading(page, 'People and roles');
  return page;
}
