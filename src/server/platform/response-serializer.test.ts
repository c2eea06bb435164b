import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTestApp } from '../../../test/app.js';
import { testDatabases } from '../../../test/databases.js';
import { buildUser } from '../../../test/factories.js';
import { NotificationPrefsView, ThreadDetail } from '../../contracts/communities.js';
import { compiledSerializerCompiler, JsonTemplate, plainJsonSchema, PreSerialized } from './response-serializer.js';

type Stringify = (data: unknown) => string;
const route = (schema: unknown) => ({ schema, method: 'GET', url: '/test', httpStatus: '200' });
const compiled = (schema: unknown) => compiledSerializerCompiler({ check: false })(route(schema) as never) as Stringify;
const viaZod = (schema: unknown) => zodSerializerCompiler(route(schema) as never) as Stringify;

const author = { user: { id: 'u1', handle: 'robin', password_hash: 'never' }, label: 'robin', anonymous: false, isMe: false, author_id: 'u1' };
const post = {
  id: 'p1',
  threadId: 't1',
  isOpening: true,
  author: { user: null, label: 'Anonymous member', anonymous: true, isMe: false, author_id: 'secret-author' },
  author_id: 'secret-author',
  state: 'visible',
  bodyHtml: '<p>"quoted" \\ and \u2028 a line separator, \ud83d\ude00 and a lone \ud800</p>',
  bodySource: null,
  pendingReason: null,
  warnings: ['loss'],
  collapsed: true,
  reactions: { relate: 2, strength: 0, helped: 1, reactor_ids: ['u9'] },
  myReactions: [],
  helpedMost: false,
  edited: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  editedAt: null,
};
const detail = {
  thread: {
    id: 't1',
    spaceId: 's1',
    kind: 'story',
    title: 'A title',
    author,
    state: 'visible',
    warnings: [],
    collapsed: false,
    replyCount: 0,
    reactionCount: 3,
    helpedPostId: null,
    slowModeSeconds: 0,
    following: false,
    lastActivityAt: '2026-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    content_version: 7,
  },
  space: { id: 's1', slug: 'general', name: 'General', description: '', houseRules: '', visibility: 'members', programId: null, allowAnonymous: true, sort_order: 1 },
  posts: [post],
  nextCursor: null,
  viewer: { userId: 'u2' },
};

describe('compiled response serializer', () => {
  it('writes only the declared fields, at every depth, exactly as the zod serializer does', () => {
    const text = compiled(ThreadDetail)(detail);
    expect(text).toBe(viaZod(ThreadDetail)(detail));
    for (const undeclared of ['author_id', 'secret-author', 'password_hash', 'content_version', 'sort_order', 'reactor_ids', 'viewer']) expect(text).not.toContain(undeclared);
    expect(JSON.parse(text).posts[0].author).toEqual({ user: null, label: 'Anonymous member', anonymous: true, isMe: false });
  });

  it('leaves an undefined optional property out and refuses a value of the wrong type, as zod does', () => {
    const schema = z.object({ a: z.string().optional(), b: z.object({ c: z.number() }).nullable(), d: z.array(z.object({ e: z.boolean() })) });
    const ok = { a: undefined, b: null, d: [{ e: true, f: 'x' }] };
    expect(compiled(schema)(ok)).toBe(viaZod(schema)(ok));
    expect(compiled(schema)(ok)).toBe('{"b":null,"d":[{"e":true}]}');
    for (const bad of [
      { b: { c: '1' }, d: [] },
      { b: null, d: [{ e: 'yes' }] },
      { b: null, d: { 0: { e: true } } },
      { b: { c: { secret: 1 } }, d: [] },
    ]) {
      expect(() => compiled(schema)(bad)).toThrow();
      expect(() => viaZod(schema)(bad)).toThrow();
    }
  });

  it('keeps the zod serializer for what it does not compile (records, unions, loose objects)', () => {
    expect(plainJsonSchema(ThreadDetail)).not.toBeNull();
    expect(plainJsonSchema(NotificationPrefsView)).toBeNull();
    expect(plainJsonSchema(z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]))).toBeNull();
    expect(plainJsonSchema(z.looseObject({ a: z.string() }))).toBeNull();
    const prefs = { prefs: { reply: true, mention: false, reaction: true, followed: true, meeting_reminder: false } };
    expect(compiled(NotificationPrefsView)(prefs)).toBe(viaZod(NotificationPrefsView)(prefs));
  });
});

describe('JSON written ahead (ADR 020)', () => {
  it('fills a template at its open properties only, even when a string holds the same words', () => {
    const value = { note: ',"collapsed":true,"x"', collapsed: true, mine: ['relate'], tail: 'end' };
    const template = JsonTemplate.of(JSON.stringify(value), [
      ['collapsed', true],
      ['mine', ['relate']],
    ]);
    expect(template.fill(['false', '[]'])).toBe(JSON.stringify({ ...value, collapsed: false, mine: [] }));
    expect(JSON.parse(template.fill(['true', '["strength"]']))).toEqual({ ...value, mine: ['strength'] });
  });

  it('refuses an open property that is missing, written twice, out of order or with another value', () => {
    const json = JSON.stringify({ a: 1, b: { c: true }, c: false, d: 2 });
    expect(() => JsonTemplate.of(json, [['x', 1]])).toThrow(/not written once/);
    expect(() => JsonTemplate.of(json, [['c', false]])).toThrow(/not written once/);
    expect(() => JsonTemplate.of(json, [['d', 2], ['b', { c: true }]])).toThrow(/not written once/);
    expect(() => JsonTemplate.of(json, [['d', 3]])).toThrow(/not written once/);
  });

  it('sends pre-serialized text as it is, and with check on refuses text that differs from zod writing the same value', () => {
    const schema = z.object({ a: z.string(), n: z.number() });
    const unchecked = compiledSerializerCompiler({ check: false })(route(schema) as never) as Stringify;
    const checked = compiledSerializerCompiler({ check: true })(route(schema) as never) as Stringify;
    const good = new PreSerialized('{"a":"x","n":1}', () => ({ a: 'x', n: 1 }));
    const bad = new PreSerialized('{"n":1,"a":"x"}', () => ({ a: 'x', n: 1 }));
    expect(unchecked(good)).toBe('{"a":"x","n":1}');
    expect(checked(good)).toBe('{"a":"x","n":1}');
    expect(() => checked(bad)).toThrow(/pre-serialized response differs from zod/);
  });
});

describe.each(testDatabases.slice(0, 1))('responses as production writes them, on $name', (database) => {
  // Production mode: only the compiled serializer runs (the rest of the suite also compares it with zod).
  const t = useTestApp(database, { checkResponses: false });

  it('never names an anonymous author in a thread page read by another member', async () => {
    const writer = await buildUser(t.app);
    const reader = await buildUser(t.app);
    const space = await t.app.kindred.database.db.selectFrom('spaces').select('id').where('allow_anonymous', '=', 1).executeTakeFirstOrThrow();
    const res = await writer.client.post(`/api/spaces/${space.id}/threads`, { kind: 'story', title: 'Something I keep to myself', body: 'It has been a hard month and I wanted to say it somewhere.', anonymous: true });
    expect(res.statusCode).toBe(201);
    const threadId = (res.json() as { thread: { id: string } }).thread.id;
    const page = await reader.client.get(`/api/threads/${threadId}?limit=21`);
    expect(page.statusCode).toBe(200);
    for (const secret of [writer.id, writer.handle, 'author_id', 'author_handle']) expect(page.body).not.toContain(secret);
    const json = page.json() as { thread: { author: unknown }; posts: { author: unknown }[] };
    expect(json.thread.author).toEqual({ user: null, label: 'Anonymous member', anonymous: true, isMe: false });
    expect(json.posts[0]!.author).toEqual({ user: null, label: 'Anonymous member', anonymous: true, isMe: false });
  });
});
