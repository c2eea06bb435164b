import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin } from '../../../../test/factories.js';

// An organization's and a program's name and description are staff words shown to members: screened
// before they are stored (ADR 064). Names about suicide or self-harm are topics and are saved (no
// alert, no notice); words the screen would hold are refused with 422 naming the field, nothing stored.

const METHOD = 'Hidden: the reply gives a lethal dose.';
const HARASSMENT = 'Go kill yourself';

describe.each(testDatabases)('organization and program texts are screened on $name', (database) => {
  const t = useTestApp(database);
  const db = () => t.app.kindred.database.db;
  const screenings = (objectType: string, objectId: string) => db().selectFrom('screenings').select(['user_id', 'level']).where('object_type', '=', objectType).where('object_id', '=', objectId).execute();
  const alertsOf = (userId: string) => db().selectFrom('safety_alerts').select('id').where('user_id', '=', userId).execute();
  function refused(res: { statusCode: number; body: string; json(): unknown }, field: string, words: string) {
    expect(res.statusCode, res.body).toBe(422);
    const error = (res.json() as { error: { code: string; field: string; message: string } }).error;
    expect(error).toMatchObject({ code: 'held_by_safety', field });
    expect(error.message).toContain(`take out “${words}”`);
  }

  it('names about suicide and self-harm are saved and screened; held words are refused naming the field, nothing stored', async () => {
    const admin = await ensureAdmin(t.app);
    const alertsBefore = (await alertsOf(admin.id)).length;
    const org = await admin.client.post('/api/admin/organizations', { name: 'Suicide loss support', description: 'A network for people bereaved by suicide.' });
    expect(org.statusCode, org.body).toBe(201);
    const orgId = org.json().id as string;
    expect(await screenings('organization_name', orgId)).toEqual([expect.objectContaining({ user_id: admin.id, level: 3 })]);
    expect(await screenings('organization_description', orgId)).toHaveLength(1);

    refused(await admin.client.post('/api/admin/organizations', { name: 'Another network', description: METHOD }), 'description', 'lethal dose');
    expect(await db().selectFrom('organizations').select('id').where('name', '=', 'Another network').execute()).toEqual([]);
    refused(await admin.client.patch(`/api/admin/organizations/${orgId}`, { name: HARASSMENT }), 'name', 'Go kill yourself');
    expect(await db().selectFrom('organizations').select('name').where('id', '=', orgId).executeTakeFirstOrThrow()).toEqual({ name: 'Suicide loss support' });

    const program = await admin.client.post(`/api/admin/organizations/${orgId}/programs`, { name: 'Self-harm recovery', description: 'Support for people recovering from self-harm. Talk about urges, scars and what helps.' });
    expect(program.statusCode, program.body).toBe(201);
    const programId = program.json().id as string;
    expect(await screenings('program_name', programId)).toHaveLength(1);
    expect(await screenings('program_description', programId)).toHaveLength(1);
    refused(await admin.client.post(`/api/admin/organizations/${orgId}/programs`, { name: HARASSMENT }), 'name', 'Go kill yourself');
    expect(await db().selectFrom('programs').select('id').where('name', '=', HARASSMENT).execute()).toEqual([]);
    refused(await admin.client.patch(`/api/programs/${programId}`, { description: METHOD }), 'description', 'lethal dose');
    expect(await db().selectFrom('programs').select('description').where('id', '=', programId).executeTakeFirstOrThrow()).toEqual({ description: 'Support for people recovering from self-harm. Talk about urges, scars and what helps.' });
    const renamed = await admin.client.patch(`/api/programs/${programId}`, { name: 'Self-harm recovery group' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await screenings('program_name', programId)).toHaveLength(2);

    await t.app.kindred.dispatcher.idle();
    expect(await alertsOf(admin.id)).toHaveLength(alertsBefore);
  });

  it('a group’s and a meeting’s texts are staff text: a topic raises no alert against the admin or facilitator; method detail is refused naming the field', async () => {
    const admin = await ensureAdmin(t.app);
    const facilitator = await buildUser(t.app, { roles: ['facilitator'] });
    const org = await admin.client.post('/api/admin/organizations', { name: 'Riverside Wellbeing', description: 'A peer-run charity.' });
    const program = await admin.client.post(`/api/admin/organizations/${org.json().id}/programs`, { name: 'Evening support', description: 'Small groups after work.', joinPolicy: 'open' });
    const groupBody = { name: 'Self-harm recovery', description: 'A small group for people recovering from self-harm.', timeZone: 'Europe/London', agreement: 'What is said in the group stays in the group.', facilitatorIds: [facilitator.id] };
    refused(await admin.client.post(`/api/programs/${program.json().id}/groups`, { ...groupBody, description: 'A group for people recovering from an overdose on paracetamol' }), 'description', 'overdose on paracetamol');
    expect(await db().selectFrom('support_groups').select('id').execute()).toEqual([]);
    const group = await admin.client.post(`/api/programs/${program.json().id}/groups`, groupBody);
    expect(group.statusCode, group.body).toBe(201);
    const groupId = group.json().id as string;
    expect(await screenings('group_name', groupId)).toEqual([expect.objectContaining({ user_id: admin.id, level: 3 })]);
    refused(await facilitator.client.patch(`/api/groups/${groupId}`, { agreement: `${HARASSMENT}, said nobody here ever again.` }), 'agreement', 'Go kill yourself');

    const meeting = await facilitator.client.post(`/api/groups/${groupId}/meetings`, { title: 'Self-harm recovery check-in', mode: 'in_person', place: 'Hall', startLocal: '2026-03-05T19:00' });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const meetingId = meeting.json().id as string;
    expect(await screenings('meeting_title', meetingId)).toEqual([expect.objectContaining({ user_id: facilitator.id, level: 3 })]);

    // A facilitator's note describes members (ADR 064): a member at imminent risk is written down, no alert against the facilitator.
    const note = 'A member said they plan to end their life tonight; we called the crisis team with them.';
    const saved = await facilitator.client.put(`/api/groups/${groupId}/meetings/${meetingId}/note`, { occurrence: '2026-03-05T19:00:00.000Z', body: note });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ note, notice: null });
    expect(await screenings('meeting_note', meetingId)).toEqual([expect.objectContaining({ user_id: facilitator.id, level: 5 })]);

    await t.app.kindred.dispatcher.idle();
    expect(await alertsOf(admin.id)).toEqual([]);
    expect(await alertsOf(facilitator.id)).toEqual([]);
  });
});
