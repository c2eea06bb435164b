/**
 * What the pages people spend their time on need first, so that the server can name it in the
 * page's response (a `Link` header: preload hints) and the browser fetches it while the app's
 * script is still arriving, instead of one request after another (issue 9). On a slow phone link
 * each round trip saved is a fraction of a second before the words appear.
 *
 * The web client builds these same URLs from here (features/…/api.ts), so a hint is always the
 * request the page makes; e2e/first-reads.e2e.ts checks each hinted request is made once, not twice.
 */
const enc = encodeURIComponent;

/** The API reads, as the web client requests them. */
export const firstReadUrls = {
  /** Who is signed in (200 with `signedIn: false` for a visitor: nothing logged as failed). */
  me: '/api/auth/session',
  thread: (id: string) => `/api/threads/${enc(id)}`,
  mentorship: (id: string) => `/api/mentoring/mentorships/${enc(id)}`,
  /** The newest page of a conversation. */
  messages: (id: string) => `/api/mentoring/mentorships/${enc(id)}/messages?limit=30`,
  /** The signed-in home's counts (ADR 045). */
  today: '/api/me/today',
} as const;

export interface FirstReads {
  /** The page's module, as Vite's manifest names it (relative to src/web), when it is a lazy chunk. */
  module?: string;
  /** API reads the page makes as soon as it renders, in that order. */
  reads: string[];
}

const ID = '([A-Za-z0-9_-]{1,64})';
const PAGES: { path: RegExp; module: string; reads: (id: string) => string[] }[] = [
  { path: new RegExp(`^/community/threads/${ID}$`), module: 'app/routes/community-thread.tsx', reads: (id) => [firstReadUrls.thread(id)] },
  {
    path: new RegExp(`^/support/mentorships/${ID}$`),
    module: 'app/routes/support-conversation.tsx',
    reads: (id) => [firstReadUrls.mentorship(id), firstReadUrls.messages(id)],
  },
];

/**
 * What the page at `pathname` needs first. `signedIn`: the request carries a session cookie. Both
 * pages are for members, and the frame asks who is signed in on every page: without a session
 * each of these reads would only answer 401 (or, for the session check, "signed out"), so none is named.
 */
export function firstReadsOf(pathname: string, signedIn: boolean): FirstReads {
  // The home is the visitor's page until someone is signed in: only then its "today" chunk and read.
  if (pathname === '/') return signedIn ? { module: 'features/today/today.tsx', reads: [firstReadUrls.me, firstReadUrls.today] } : { reads: [] };
  for (const page of PAGES) {
    const id = page.path.exec(pathname)?.[1];
    if (id) return { module: page.module, reads: signedIn ? [firstReadUrls.me, ...page.reads(id)] : [] };
  }
  return { reads: signedIn ? [firstReadUrls.me] : [] };
}
