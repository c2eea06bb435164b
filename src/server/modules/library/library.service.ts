import type { z } from 'zod';
import type { ResourceBody, ResourceCreateBody, ResourceListQuery, StrategyBody, StrategyListQuery } from '../../../contracts/library.js';
import { LIBRARY_LIMITS } from '../../../contracts/library.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Dialect } from '../../platform/db.js';
import type { IdempotentCreates } from '../../platform/idempotency.js';
import { badRequest, forbidden, HttpError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Tx, UnitOfWork } from '../../platform/outbox.js';
import { nothingWrittenMeanwhile, type PersonalDataContributor } from '../../platform/privacy.js';
import { suspendedError, type CommunitiesService } from '../communities/communities.service.js';
import type { HeldContentHandler, SafetyService } from '../safety/safety.service.js';
import { libraryPolicy } from './library.policy.js';
import { presentCrisisLineAsResource, presentResource, presentStrategy } from './library.presenter.js';
import { libraryRepository as repo, type StrategyRow } from './library.repository.js';

export interface LibraryDeps {
  db: Db;
  dialect: Dialect;
  uow: UnitOfWork;
  clock: Clock;
  safety: Pick<SafetyService, 'screenAndRecord' | 'holdForReview' | 'noticeAgain' | 'withdrawHeld'>;
  creates: IdempotentCreates;
  /** A community suspension stops new strategies too: they are shared writing like posts. */
  suspensions: Pick<CommunitiesService, 'suspendedUntil'>;
}

/** Shared advice that screens at this level or above waits for a supervisor before others read it. */
const REVIEW_LEVEL = 2;
const STRATEGY_NOT_FOUND = 'That strategy was not found.';
const RESOURCE_NOT_FOUND = 'That resource was not found.';

function invalidCursor(): HttpError {
  return badRequest('query cursor: is not a cursor this server gave out', { fields: [{ path: 'query cursor', message: 'is not valid' }] });
}

function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeCursor(cursor: string | undefined): unknown {
  if (cursor === undefined) return null;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
}

/** Words for the full-text index: letters and digits only, so no query syntax reaches the engine. */
function searchTerms(q: string | undefined): string[] {
  return ((q ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => t.length <= 40).slice(0, 12);
}

/**
 * The shared library: coping strategies written by members (and the project), marked "This helped
 * me" once per member, searchable with the community's full-text engine; and the resource
 * directory that supervisors verify, with the foundation's crisis lines beside it.
 */
/** The columns a directory entry takes from what its author wrote (new or edited). */
function resourceColumns(input: z.infer<typeof ResourceBody>) {
  return {
    kind: input.kind,
    name: input.name,
    region: input.region,
    cost: input.cost,
    phone: input.phone || null,
    url: input.url ?? null,
    email: input.email ?? null,
    opening_hours: input.openingHours ?? null,
    description: input.description,
  };
}

export class LibraryService {
  constructor(private readonly deps: LibraryDeps) {}

  /** Verified before this instant counts as stale: twelve calendar months ago. */
  private staleBefore(): string {
    const d = this.deps.clock.now();
    d.setUTCMonth(d.getUTCMonth() - LIBRARY_LIMITS.staleAfterMonths);
    return d.toISOString();
  }

  private async present(db: Db | Tx['trx'], rows: StrategyRow[], actor: Actor) {
    const ids = rows.map((r) => r.id);
    const helped = await repo.helpedBy(db, ids, actor.userId);
    const saved = await repo.savedBy(db, ids, actor.userId);
    return rows.map((r) => presentStrategy(r, actor.userId, { helped: helped.has(r.id), saved: saved.has(r.id) }));
  }

  /** The strategy if this actor may read it; the same 404 otherwise (held or removed ones stay unseen). */
  private async readable(db: Db | Tx['trx'], actor: Actor, id: string) {
    const s = await repo.findStrategy(db, id);
    if (!s || !libraryPolicy.can(actor, 'strategy.read', { state: s.state, author: s.author_id === actor.userId })) throw notFound(STRATEGY_NOT_FOUND);
    return s;
  }

  // ── strategies ──────────────────────────────────────────────────────────────
  /** A retry with the same `clientId` answers with the first strategy (ADR 042): screened, held and stored once. */
  async createStrategy(actor: Actor, input: z.infer<typeof StrategyBody>) {
    const { clientId, ...request } = input;
    const text = [request.title, request.whenItHelps, ...request.steps, request.situationNote ?? ''].join('\n');
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'library.strategy', target: actor.userId, body: request },
      (tx) => this.insertStrategy(tx, actor, request),
      (written) => written.strategy.id,
      async (id) => {
        const row = await repo.findStrategy(this.deps.db, id);
        if (!row || row.author_id !== actor.userId) return undefined;
        const [strategy] = await this.present(this.deps.db, [row], actor);
        // Held as it is now: a supervisor may have released it since the first answer.
        return { strategy: strategy!, safety: await this.deps.safety.noticeAgain({ text, surface: 'post', region: actor.region }, row.state === 'pending') };
      },
    );
  }

  private async insertStrategy(tx: Tx, actor: Actor, input: Omit<z.infer<typeof StrategyBody>, 'clientId'>) {
    {
      const suspendedUntil = await this.deps.suspensions.suspendedUntil(tx, actor.userId);
      if (!libraryPolicy.can(actor, 'strategy.create', { suspended: !!suspendedUntil })) throw suspendedUntil ? suspendedError(suspendedUntil) : forbidden();
      const id = newId(tx.now.getTime());
      const text = [input.title, input.whenItHelps, ...input.steps, input.situationNote ?? ''].join('\n');
      const verdict = await this.deps.safety.screenAndRecord(tx, { userId: actor.userId, objectType: 'coping_strategy', objectId: id, text, surface: 'post', region: actor.region });
      // Method details are already held by the screen; distress (≥ 2) is held here for the same review.
      let held = verdict.notice.held;
      if (!held && verdict.screening.level >= REVIEW_LEVEL) {
        await this.deps.safety.holdForReview(tx, { userId: actor.userId, objectType: 'coping_strategy', objectId: id, reason: 'library_review' });
        held = true;
      }
      const iso = tx.now.toISOString();
      await repo.insertStrategy(tx.trx, {
        id,
        author_id: actor.userId,
        by_team: 0,
        title: input.title,
        steps: JSON.stringify(input.steps),
        when_it_helps: input.whenItHelps,
        conditions: JSON.stringify([...new Set(input.conditions)]),
        situations: JSON.stringify([...new Set(input.situations)]),
        situation_note: input.situationNote ?? null,
        search_body: [input.whenItHelps, ...input.steps, input.situationNote ?? ''].join('\n'),
        state: held ? 'pending' : 'visible',
        helped_count: 0,
        reviewed_at: null,
        reviewed_by: null,
        created_at: iso,
        updated_at: iso,
      });
      const [strategy] = await this.present(tx.trx, [(await repo.findStrategy(tx.trx, id))!], actor);
      return { strategy: strategy!, safety: { ...verdict.notice, held } };
    }
  }

  async listStrategies(actor: Actor, q: z.infer<typeof StrategyListQuery>) {
    const raw = decodeCursor(q.cursor);
    let after: { helped: number; id: string } | null = null;
    if (raw !== null) {
      if (!Array.isArray(raw) || typeof raw[0] !== 'number' || typeof raw[1] !== 'string' || raw[1].length > 64) throw invalidCursor();
      after = { helped: raw[0], id: raw[1] };
    }
    const rows = await repo.listStrategies(this.deps.db, this.deps.dialect, {
      viewerId: actor.userId,
      terms: searchTerms(q.q),
      condition: q.condition ?? null,
      situation: q.situation ?? null,
      after,
      limit: q.limit,
    });
    const last = rows[rows.length - 1];
    return { strategies: await this.present(this.deps.db, rows, actor), nextCursor: rows.length === q.limit && last ? encodeCursor([last.helped_count, last.id]) : null };
  }

  async myStrategies(actor: Actor) {
    return this.present(this.deps.db, await repo.strategiesBy(this.deps.db, actor.userId), actor);
  }

  async getStrategy(actor: Actor, id: string) {
    const [s] = await this.present(this.deps.db, [await this.readable(this.deps.db, actor, id)], actor);
    return s!;
  }

  /** "This helped me": one per member. Concurrent clicks insert one mark; the count moves only with it. */
  async markHelped(actor: Actor, id: string, helped: boolean) {
    return this.deps.uow.run(async (tx) => {
      const s = await this.readable(tx.trx, actor, id);
      if (!libraryPolicy.can(actor, 'strategy.mark', { state: s.state })) throw forbidden('This strategy is waiting for review.');
      const changed = helped ? await repo.addHelped(tx.trx, s.id, actor.userId, tx.now.toISOString()) : await repo.removeHelped(tx.trx, s.id, actor.userId);
      if (changed) await repo.bumpHelped(tx.trx, s.id, helped ? 1 : -1);
      const after = (await repo.findStrategy(tx.trx, s.id))!;
      return { strategyId: s.id, helpedCount: after.helped_count, helpedByMe: helped };
    });
  }

  async removeStrategy(actor: Actor, id: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      await this.readable(tx.trx, actor, id);
      // Decided from the locked row, which a decision on its held item takes first too (strategy → held_content).
      const s = await repo.lockStrategy(tx.trx, this.deps.dialect, id);
      if (!s || !libraryPolicy.can(actor, 'strategy.read', { state: s.state, author: s.author_id === actor.userId })) throw notFound(STRATEGY_NOT_FOUND);
      const own = s.author_id === actor.userId;
      if (!libraryPolicy.can(actor, 'strategy.remove', { state: s.state, author: own })) throw forbidden('Only its author or a supervisor can remove a strategy.');
      if (own) await repo.deleteStrategy(tx.trx, s.id);
      else await repo.updateStrategy(tx.trx, s.id, { state: 'removed', updated_at: tx.now.toISOString() });
      // Words held for review that will never be shown leave the queue, not as a decision (ADR 055, amendment).
      await this.deps.safety.withdrawHeld(tx, 'coping_strategy', s.id, own ? null : actor.userId);
    });
  }

  async unreviewed(actor: Actor, limit: number) {
    if (!libraryPolicy.can(actor, 'strategy.review')) throw forbidden('Only supervisors review strategies.');
    return this.present(this.deps.db, await repo.unreviewed(this.deps.db, limit), actor);
  }

  async markReviewed(actor: Actor, id: string) {
    return this.deps.uow.run(async (tx) => {
      const s = await this.readable(tx.trx, actor, id);
      if (!libraryPolicy.can(actor, 'strategy.review')) throw forbidden('Only supervisors review strategies.');
      await repo.updateStrategy(tx.trx, s.id, { reviewed_at: tx.now.toISOString(), reviewed_by: actor.userId });
      const [view] = await this.present(tx.trx, [(await repo.findStrategy(tx.trx, s.id))!], actor);
      return view!;
    });
  }

  /** For the recovery plan: strategies by id that this member may still read. */
  async readableStrategies(actor: Actor, ids: string[]) {
    const rows = (await repo.strategiesByIds(this.deps.db, ids)).filter((s) => libraryPolicy.can(actor, 'strategy.read', { state: s.state, author: s.author_id === actor.userId }));
    return this.present(this.deps.db, rows, actor);
  }

  async assertReadableStrategy(db: Tx['trx'], actor: Actor, id: string): Promise<void> {
    await this.readable(db, actor, id);
  }

  heldStrategyHandler(): HeldContentHandler {
    return {
      objectType: 'coping_strategy',
      surface: 'post',
      // The strategy's row before the item's, as a removal takes them (PostgreSQL).
      lock: async (tx, id) => {
        await repo.lockStrategy(tx.trx, this.deps.dialect, id);
      },
      // Deleted by its author or removed by a supervisor: new words would bring it back.
      refusesWords: async (tx, id) => {
        const s = await repo.findStrategy(tx.trx, id);
        if (!s) return 'This strategy was deleted by its author.';
        return s.state === 'removed' ? 'This strategy was removed.' : null;
      },
      preview: async (tx, id) => {
        const s = await repo.findStrategy(tx.trx, id);
        if (!s) return null;
        return { text: [s.title, s.when_it_helps, ...(JSON.parse(s.steps) as string[]), s.situation_note ?? ''].filter(Boolean).join('\n'), anonymous: false };
      },
      release: async (tx, id) => {
        // Removed meanwhile (or deleted): a release does not bring it back.
        const s = await repo.findStrategy(tx.trx, id);
        if (!s || s.state === 'removed') return;
        // Released by a supervisor: that is a review too.
        await repo.updateStrategy(tx.trx, id, { state: 'visible', reviewed_at: tx.now.toISOString(), updated_at: tx.now.toISOString() });
      },
      remove: async (tx, id) => {
        await repo.updateStrategy(tx.trx, id, { state: 'removed', updated_at: tx.now.toISOString() });
      },
      replaceText: async (tx, id, text) => {
        // The reviewer's edit becomes the steps (one per line); title and tags stay.
        const steps = text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, LIBRARY_LIMITS.stepsMax);
        const s = await repo.findStrategy(tx.trx, id);
        if (!s) return;
        await repo.updateStrategy(tx.trx, id, { steps: JSON.stringify(steps), search_body: [s.when_it_helps, ...steps].join('\n'), state: 'visible', reviewed_at: tx.now.toISOString(), updated_at: tx.now.toISOString() });
      },
    };
  }

  // ── resources ───────────────────────────────────────────────────────────────
  /**
   * The directory: verified entries matching every filter exactly, and, on the first page, the
   * foundation's crisis lines as free hotlines when the filters allow them (their languages are not
   * recorded, so a language filter leaves them out).
   */
  async listResources(actor: Actor, q: z.infer<typeof ResourceListQuery>) {
    if (!libraryPolicy.can(actor, 'resource.read')) throw forbidden();
    const raw = decodeCursor(q.cursor);
    let after: { name: string; id: string } | null = null;
    if (raw !== null) {
      if (!Array.isArray(raw) || typeof raw[0] !== 'string' || typeof raw[1] !== 'string' || raw[1].length > 64) throw invalidCursor();
      after = { name: raw[0], id: raw[1] };
    }
    const filter = { region: q.region ?? null, kind: q.kind ?? null, language: q.language ?? null, cost: q.cost ?? null };
    const rows = await repo.listResources(this.deps.db, { ...filter, status: 'verified', after, limit: q.limit });
    const staleBefore = this.staleBefore();
    const crisisAllowed = !after && (!filter.kind || filter.kind === 'hotline') && (!filter.cost || filter.cost === 'free') && !filter.language;
    const lines = crisisAllowed ? await repo.crisisLines(this.deps.db, filter.region) : [];
    const last = rows[rows.length - 1];
    return {
      resources: [...lines.map(presentCrisisLineAsResource), ...rows.map((r) => presentResource(r, staleBefore))],
      nextCursor: rows.length === q.limit && last ? encodeCursor([last.name, last.id]) : null,
    };
  }

  async getResource(actor: Actor, id: string) {
    const r = await repo.findResource(this.deps.db, id);
    if (!r || (r.status !== 'verified' && !libraryPolicy.can(actor, 'resource.curate') && r.suggested_by !== actor.userId)) throw notFound(RESOURCE_NOT_FOUND);
    return presentResource(r, this.staleBefore());
  }

  /** A member's suggestion waits for a supervisor; a supervisor's own entry is verified as it is made. */
  /** A retry with the same `clientId` answers with the first entry (ADR 042). */
  async suggestResource(actor: Actor, input: z.infer<typeof ResourceCreateBody>) {
    if (!libraryPolicy.can(actor, 'resource.suggest')) throw forbidden();
    const { clientId, ...request } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'library.resource', target: actor.userId, body: request },
      (tx) => this.insertResource(tx, actor, request),
      (written) => written.resource.id,
      async (id) => {
        const row = await repo.findResource(this.deps.db, id);
        if (!row || row.suggested_by !== actor.userId) return undefined;
        // Never held: a held entry is refused (422), not stored.
        const text = [request.name, request.description, request.openingHours ?? ''].join('\n');
        return { resource: presentResource(row, this.staleBefore()), safety: await this.deps.safety.noticeAgain({ text, surface: 'other', region: actor.region }, false) };
      },
    );
  }

  private async insertResource(tx: Tx, actor: Actor, input: z.infer<typeof ResourceBody>) {
    {
      const id = newId(tx.now.getTime());
      const safety = await this.screenResource(tx, actor, id, input);
      const iso = tx.now.toISOString();
      const curator = libraryPolicy.can(actor, 'resource.curate');
      await repo.insertResource(
        tx.trx,
        {
          id,
          ...resourceColumns(input),
          status: curator ? 'verified' : 'pending',
          suggested_by: actor.userId,
          verified_at: curator ? iso : null,
          verified_by: curator ? actor.userId : null,
          created_at: iso,
          updated_at: iso,
        },
        [...new Set(input.languages)],
      );
      return { resource: presentResource((await repo.findResource(tx.trx, id))!, this.staleBefore()), safety };
    }
  }

  /** A supervisor's edit replaces the entry and counts as checking it (verified now). */
  async editResource(actor: Actor, id: string, input: z.infer<typeof ResourceBody>) {
    if (!libraryPolicy.can(actor, 'resource.curate')) throw forbidden('Only supervisors edit the directory.');
    return this.deps.uow.run(async (tx) => {
      const r = await repo.findResource(tx.trx, id);
      if (!r) throw notFound(RESOURCE_NOT_FOUND);
      const safety = await this.screenResource(tx, actor, id, input);
      const iso = tx.now.toISOString();
      await repo.replaceResource(
        tx.trx,
        id,
        {
          ...resourceColumns(input),
          status: 'verified',
          verified_at: iso,
          verified_by: actor.userId,
          updated_at: iso,
        },
        [...new Set(input.languages)],
      );
      return { resource: presentResource((await repo.findResource(tx.trx, id))!, this.staleBefore()), safety };
    });
  }

  async verifyResource(actor: Actor, id: string) {
    if (!libraryPolicy.can(actor, 'resource.curate')) throw forbidden('Only supervisors verify the directory.');
    return this.deps.uow.run(async (tx) => {
      const r = await repo.findResource(tx.trx, id);
      if (!r) throw notFound(RESOURCE_NOT_FOUND);
      const iso = tx.now.toISOString();
      await repo.replaceResource(tx.trx, id, { status: 'verified', verified_at: iso, verified_by: actor.userId, updated_at: iso });
      return presentResource((await repo.findResource(tx.trx, id))!, this.staleBefore());
    });
  }

  async removeResource(actor: Actor, id: string): Promise<void> {
    if (!libraryPolicy.can(actor, 'resource.curate')) throw forbidden('Only supervisors remove directory entries.');
    await this.deps.uow.run(async (tx) => {
      if (!(await repo.deleteResource(tx.trx, id))) throw notFound(RESOURCE_NOT_FOUND);
    });
  }

  async pendingResources(actor: Actor, limit: number) {
    if (!libraryPolicy.can(actor, 'resource.curate')) throw forbidden('Only supervisors see suggested resources.');
    const staleBefore = this.staleBefore();
    return (await repo.listResources(this.deps.db, { region: null, kind: null, language: null, cost: null, status: 'pending', after: null, limit })).map((r) => presentResource(r, staleBefore));
  }

  /** Verified entries not checked in the last 12 months (by the server clock), oldest check first. */
  async staleResources(actor: Actor, limit: number) {
    if (!libraryPolicy.can(actor, 'resource.curate')) throw forbidden('Only supervisors see stale resources.');
    const staleBefore = this.staleBefore();
    return (await repo.staleResources(this.deps.db, staleBefore, limit)).map((r) => presentResource(r, staleBefore));
  }

  private async screenResource(tx: Tx, actor: Actor, id: string, input: z.infer<typeof ResourceBody>) {
    const verdict = await this.deps.safety.screenAndRecord(tx, {
      userId: actor.userId,
      objectType: 'resource',
      objectId: id,
      text: [input.name, input.description, input.openingHours ?? ''].join('\n'),
      surface: 'other',
      region: actor.region,
    });
    if (verdict.notice.held) {
      throw new HttpError(422, 'held_by_safety', 'This entry cannot be saved as written: please leave out details of methods or harm.', { safety: verdict.notice });
    }
    return verdict.notice;
  }

  // ── personal data ───────────────────────────────────────────────────────────
  contributor(): PersonalDataContributor {
    return {
      name: 'library',
      export: async (tx, userId) => ({
        strategies: (await repo.strategiesBy(tx.trx, userId)).map((s) => ({
          id: s.id,
          title: s.title,
          steps: JSON.parse(s.steps) as string[],
          whenItHelps: s.when_it_helps,
          conditions: JSON.parse(s.conditions) as string[],
          situations: JSON.parse(s.situations) as string[],
          situationNote: s.situation_note,
          state: s.state,
          helpedCount: s.helped_count,
          at: s.created_at,
        })),
        helpedMarks: (await repo.helpedMarksOf(tx.trx, userId)).map((m) => ({ strategyId: m.strategy_id, at: m.created_at })),
        suggestedResources: (await repo.resourcesSuggestedBy(tx.trx, userId)).map((r) => ({ id: r.id, name: r.name, kind: r.kind, status: r.status, at: r.created_at })),
      }),
      erase: async (tx, userId, publicPosts) => {
        await repo.eraseHelpedMarks(tx.trx, userId);
        if (publicPosts === 'delete') await repo.deleteStrategiesBy(tx.trx, userId);
        else await repo.anonymizeStrategiesBy(tx.trx, userId);
        await repo.eraseSuggestions(tx.trx, userId);
      },
      // A strategy of theirs that arrived while the erasure ran: 409, not left behind anonymous (ADR 061).
      erased: (tx, userId) => nothingWrittenMeanwhile(tx, userId, [['coping_strategies', 'author_id']]),
    };
  }

}
