/**
 * `npm run demo`: fills a fresh install with a small, believable community, through the same
 * services the API uses (so every post is screened, rendered and indexed like a real one).
 * Prints each account's password once. Refuses to run on a database that already has accounts.
 */
import { randomBytes } from 'node:crypto';
import type { EXPERIENCE_TAGS, Role } from '../src/contracts/accounts.js';
import type { ContentWarning, ReactionKind, ThreadKind } from '../src/contracts/communities.js';
import { build } from '../src/server/app.js';
import type { Actor } from '../src/server/platform/actor.js';

interface Person {
  handle: string;
  roles: Role[];
  region: string;
  /** A trained supporter: their training recorded (a certificate), a supervisor, and a supporter profile open to requests. */
  supports?: { timeZone: string; experienceTags: (typeof EXPERIENCE_TAGS)[number][]; intro: string; days: number[]; start: string; end: string };
}

const PEOPLE: Person[] = [
  { handle: 'admin_rowan', roles: ['admin'], region: 'GB' },
  { handle: 'dr_amara', roles: ['supervisor'], region: 'GB' },
  {
    handle: 'facilitator_joe', roles: ['facilitator', 'peer_supporter'], region: 'GB',
    supports: { timeZone: 'Europe/London', experienceTags: ['ptsd_and_trauma', 'loneliness'], intro: 'I run the Thursday group. Happy to listen one to one too.', days: [1, 2, 3, 4, 5], start: '09:00', end: '21:00' },
  },
  {
    handle: 'supporter_mei', roles: ['peer_supporter'], region: 'US',
    supports: { timeZone: 'America/New_York', experienceTags: ['anxiety', 'depression'], intro: 'Panic attacks and low years taught me a lot. I listen first.', days: [1, 2, 3, 4, 5, 6, 7], start: '07:00', end: '23:00' },
  },
  {
    handle: 'supporter_tomas', roles: ['peer_supporter'], region: 'IE',
    supports: { timeZone: 'Europe/Dublin', experienceTags: ['grief_and_loss', 'substance_use'], intro: 'Six years sober, and I lost my grandad last year. No judgement here.', days: [1, 2, 3, 4, 5, 6, 7], start: '07:00', end: '23:00' },
  },
  { handle: 'quiet_fern', roles: [], region: 'GB' },
  { handle: 'night_owl_sam', roles: [], region: 'US' },
  { handle: 'river_stone', roles: [], region: 'AU' },
  { handle: 'lena_k', roles: [], region: 'DE' },
];

interface DemoThread {
  space: string;
  author: string;
  kind: ThreadKind;
  title: string;
  body: string;
  anonymous?: boolean;
  warnings?: ContentWarning[];
  replies: { author: string; body: string; anonymous?: boolean }[];
  reactions: [string, ReactionKind][];
}

const THREADS: DemoThread[] = [
  {
    space: 'anxiety', author: 'quiet_fern', kind: 'what_helped', title: 'The 5-4-3-2-1 trick actually works for me',
    body: 'When my thoughts start racing on the bus I name **5 things I can see, 4 I can touch, 3 I can hear, 2 I can smell and 1 I can taste**. It felt silly at first. Now it is the first thing I reach for.',
    replies: [
      { author: 'supporter_mei', body: 'Thank you for sharing this. Grounding was one of the first things that helped me too. Some days I only get to 3 and that still counts.' },
      { author: 'night_owl_sam', body: 'Trying this tonight. I usually just scroll my phone, which makes it worse.' },
    ],
    reactions: [['supporter_mei', 'relate'], ['night_owl_sam', 'helped'], ['river_stone', 'helped']],
  },
  {
    space: 'anxiety', author: 'night_owl_sam', kind: 'question', title: 'How do you get to sleep when your mind will not stop?',
    body: 'Every night around 1am my brain decides to replay every awkward conversation I have had this week. What do you do?',
    replies: [
      { author: 'supporter_tomas', body: 'I keep a notebook by the bed and write the worries down, with "deal with this tomorrow" at the bottom. It tells my brain it is allowed to stop.' },
      { author: 'lena_k', body: 'A boring audiobook on a timer. Something I have heard before so there is nothing to follow.' },
    ],
    reactions: [['quiet_fern', 'relate'], ['lena_k', 'relate'], ['supporter_tomas', 'strength']],
  },
  {
    space: 'depression', author: 'river_stone', kind: 'story', title: 'Small win: I cooked a proper meal today',
    body: 'It has been weeks of toast. Today I made soup from actual vegetables. It is not much but I wanted to tell someone.',
    replies: [
      { author: 'facilitator_joe', body: 'That is not small at all. Soup from scratch on a hard week is a real achievement. Well done.' },
      { author: 'quiet_fern', body: 'This made me smile. What kind of soup?' },
      { author: 'river_stone', body: 'Leek and potato! Enough left for tomorrow too.' },
    ],
    reactions: [['facilitator_joe', 'strength'], ['quiet_fern', 'strength'], ['night_owl_sam', 'relate'], ['lena_k', 'strength']],
  },
  {
    space: 'depression', author: 'lena_k', kind: 'question', title: 'How do you explain low days to your manager?',
    body: 'I do not want to tell my whole story at work, but I need them to understand why some days are slower. Has anyone found words that worked?',
    anonymous: true,
    replies: [
      { author: 'supporter_mei', body: 'I said "I am managing a health condition that sometimes affects my energy, and here is what helps me work well." It kept it about the work, not the details.' },
    ],
    reactions: [['river_stone', 'relate'], ['supporter_mei', 'strength']],
  },
  {
    space: 'grief-and-loss', author: 'supporter_tomas', kind: 'story', title: 'A year since my grandad died',
    body: 'He taught me to fish. Today I went back to the same river and sat for a while. I did not catch anything, but it felt right to be there.',
    warnings: ['loss'],
    replies: [
      { author: 'quiet_fern', body: 'What a lovely way to remember him. Sending you strength today.' },
      { author: 'lena_k', body: 'Places can hold people for us. I am glad you went.' },
    ],
    reactions: [['quiet_fern', 'strength'], ['lena_k', 'strength'], ['river_stone', 'relate']],
  },
  {
    space: 'students', author: 'night_owl_sam', kind: 'question', title: 'Study tips for when you feel flat and unmotivated?',
    body: 'Exams in three weeks. I sit down, open the book and just stare at it. Any tips that actually work?',
    replies: [
      { author: 'facilitator_joe', body: 'Twenty-five minutes of study, then a five-minute break. I only commit to one session; usually I keep going once I have started.' },
      { author: 'quiet_fern', body: 'Studying in the library instead of my room helped a lot. Other people working made it easier to start.' },
    ],
    reactions: [['river_stone', 'helped'], ['lena_k', 'helped']],
  },
  {
    space: 'carers', author: 'lena_k', kind: 'what_helped', title: 'Taking one evening a week for myself',
    body: 'I care for my mum. My sister now covers Thursday evenings so I can go to a choir. I did not realise how much I needed something that was only mine.',
    replies: [
      { author: 'supporter_mei', body: 'This is such an important one. Rest is part of caring, not a break from it.' },
    ],
    reactions: [['supporter_mei', 'helped'], ['quiet_fern', 'relate']],
  },
  {
    space: 'lgbtq', author: 'river_stone', kind: 'story', title: 'My friends used my new name without me asking',
    body: 'I told a few friends last month and was nervous about it. Yesterday at dinner they just used it, like it had always been my name. I nearly cried.',
    anonymous: true,
    replies: [
      { author: 'night_owl_sam', body: 'Good friends. This is lovely to read.' },
      { author: 'facilitator_joe', body: 'Thank you for sharing a happy moment. Those matter.' },
    ],
    reactions: [['night_owl_sam', 'strength'], ['facilitator_joe', 'strength'], ['quiet_fern', 'relate']],
  },
  {
    space: 'bipolar', author: 'quiet_fern', kind: 'what_helped', title: 'A mood diary I can keep up with',
    body: 'I tried long journals and always stopped. Now I just rate my mood, sleep and energy from 1 to 5 each evening. Three numbers. My care team finds it useful too.',
    replies: [
      { author: 'supporter_tomas', body: 'Keeping it that small is clever. Consistency beats detail.' },
    ],
    reactions: [['supporter_tomas', 'helped'], ['lena_k', 'helped']],
  },
  {
    space: 'ptsd-and-trauma', author: 'night_owl_sam', kind: 'what_helped', title: 'Having an exit plan makes busy places easier',
    body: 'Before I go somewhere crowded I decide where I will step outside if I need to. Knowing I can leave means I often do not need to.',
    replies: [
      { author: 'supporter_mei', body: 'Yes. Choice and control make such a difference. Thank you for putting it so clearly.' },
    ],
    reactions: [['supporter_mei', 'relate'], ['river_stone', 'helped']],
  },
  {
    space: 'substance-use', author: 'supporter_tomas', kind: 'story', title: 'Six months alcohol-free',
    body: 'Six months today. The first weeks were the hardest. What helped most was having something to do with my hands in the evening: I started fixing old bikes.',
    warnings: ['substance_use'],
    replies: [
      { author: 'river_stone', body: 'Congratulations! The bikes are a great idea.' },
    ],
    reactions: [['river_stone', 'strength'], ['lena_k', 'strength'], ['quiet_fern', 'strength']],
  },
  {
    space: 'eating-difficulties', author: 'lena_k', kind: 'question', title: 'Eating out with friends again: how did you manage it?',
    body: 'My friends want to go for a meal next week. I want to go, and I am also nervous. What helped you the first few times?',
    warnings: ['eating'],
    replies: [
      { author: 'supporter_mei', body: 'Looking at the menu before I went helped, so I was not deciding under pressure. And telling one friend beforehand, so someone knew.' },
    ],
    reactions: [['quiet_fern', 'relate']],
  },
];

async function main(): Promise<void> {
  const app = await build({ pollMs: 0 });
  const { accounts, communities, database, dispatcher, mentoring, supervision, training } = app.kindred;
  try {
    const existing = await database.db.selectFrom('users').select('id').limit(1).execute();
    if (existing.length) {
      console.error('This database already has accounts: the demo only fills a fresh install. Point DATABASE_URL at an empty one.');
      process.exitCode = 1;
      return;
    }
    const actors = new Map<string, Actor>();
    const printed: string[] = [];
    let admin: Actor | null = null;
    for (const p of PEOPLE) {
      const password = `demo-${randomBytes(9).toString('base64url')}`;
      const grant = await accounts.signUp({ handle: p.handle, password, ageConfirmed: true, region: p.region }, 'demo script');
      let actor = (await accounts.resolveSession(grant.token))!;
      admin ??= actor;
      if (p.roles.length && !p.roles.every((r) => actor.roles.includes(r))) {
        await accounts.setRoles(admin, actor.userId, [...new Set<Role>([...actor.roles, ...p.roles])]);
        actor = (await accounts.resolveSession(grant.token))!;
      }
      actors.set(p.handle, actor);
      printed.push(`  ${p.handle.padEnd(18)} ${password.padEnd(24)} ${actor.roles.join(', ')}`);
    }
    // The supporters are trained and supervised, and open to requests: a member who asks for a
    // peer supporter in the demo is offered one (without a certificate nobody could be).
    const supervisor = actors.get('dr_amara')!;
    for (const p of PEOPLE) {
      if (!p.supports) continue;
      const who = actors.get(p.handle)!;
      for (const kind of (['peer_supporter', 'facilitator'] as const).filter((k) => p.roles.includes(k))) {
        await training.recordPriorTraining(admin!, { userId: who.userId, kind, note: 'Peer support course at the local Mind, with a supervised placement.' });
      }
      await supervision.assign(admin!, who.userId, supervisor.userId);
      const { supports } = p;
      await mentoring.saveProfile(who, {
        experienceTags: supports.experienceTags,
        languages: ['en'],
        timeZone: supports.timeZone,
        availability: supports.days.map((day) => ({ day, start: supports.start, end: supports.end })),
        capacity: 3,
        intro: supports.intro,
        accepting: true,
      });
    }
    const spaces = new Map((await communities.listSpaces(admin!)).map((s) => [s.slug, s.id]));
    let posts = 0;
    for (const t of THREADS) {
      const by = actors.get(t.author)!;
      const { result: written } = await communities.createThread(by, spaces.get(t.space)!, {
        kind: t.kind,
        title: t.title,
        body: t.body,
        warnings: t.warnings ?? [],
        anonymous: t.anonymous ?? false,
      });
      posts += 1;
      let firstReply: string | null = null;
      for (const r of t.replies) {
        const { result: reply } = await communities.reply(actors.get(r.author)!, written.thread.id, { body: r.body, warnings: [], anonymous: r.anonymous ?? false });
        firstReply ??= reply.post.id;
        posts += 1;
      }
      for (const [who, kind] of t.reactions) await communities.react(actors.get(who)!, written.post.id, kind, true);
      if (t.kind === 'question' && firstReply && !t.anonymous) await communities.markHelped(by, written.thread.id, firstReply);
    }
    await dispatcher.idle();
    console.log(`Kindred demo: ${PEOPLE.length} accounts, ${THREADS.length} threads, ${posts} posts in ${spaces.size} spaces.\n`);
    console.log('Accounts (passwords are shown only now; write down the ones you need):');
    console.log(`  ${'handle'.padEnd(18)} ${'password'.padEnd(24)} roles`);
    for (const line of printed) console.log(line);
  } finally {
    await app.close();
  }
}

await main();
