import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, type BuiltUser } from '../../../../test/factories.js';
import { CRISIS_TEXT } from '../../../../test/outbox.js';

// What a peer supporter can / cannot help with is screened like every text: held words (method
// details) are refused with 422 naming the field (no state column to wait in review); a crisis
// level gets the writer's notice in the answer.

const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));

function save(s: BuiltUser, over: Record<string, unknown>) {
  return s.client.put('/api/mentoring/supporter-profile', {
    experienceTags: ['anxiety'],
    languages: ['en'],
    timeZone: 'Europe/London',
    availability: ALL_WEEK,
    capacity: 3,
    canHelpWith: 'Exam stress, worry, sleep.',
    cannotHelpWith: 'Medication questions.',
    ...over,
  });
}

describe.each(testDatabases)('a supporter’s help texts are screened on $name', (database) => {
  const t = useTestApp(database);
  const screeningsOf = (userId: string, type: string) => t.app.kindred.database.db.selectFrom('screenings').select(['level']).where('object_type', '=', type).where('user_id', '=', userId).execute();

  it('method detail in either field is refused with 422 naming the field; nothing is stored', async () => {
    for (const field of ['canHelpWith', 'cannotHelpWith'] as const) {
      const s = await buildUser(t.app, { roles: ['peer_supporter'] });
      const res = await save(s, { [field]: METHOD });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'held_by_safety', field, message: expect.stringMatching(/cannot be saved as written: please take out details of methods/) });
      expect((await s.client.get('/api/mentoring/supporter-profile')).json().profile).toBeNull();
    }
  });

  it('a crisis level is saved with the writer’s notice in the answer; a calm text is screened quietly', async () => {
    const s = await buildUser(t.app, { roles: ['peer_supporter'] });
    const res = await save(s, { canHelpWith: CRISIS_TEXT });
    expect(res.statusCode, res.body).toBe(200);
    const notice = (res.json().notices as { field: string; notice: { level: number; showCrisisResponse: boolean } }[]).find((n) => n.field === 'canHelpWith');
    expect(notice?.notice).toMatchObject({ showCrisisResponse: true });
    expect(notice!.notice.level).toBeGreaterThanOrEqual(3);
    expect(await screeningsOf(s.id, 'supporter_can_help_with')).toEqual([expect.objectContaining({ level: notice!.notice.level })]);
    expect(await screeningsOf(s.id, 'supporter_cannot_help_with')).toEqual([{ level: 0 }]);
  });
});
