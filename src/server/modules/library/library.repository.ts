import { sql, type Selectable } from 'kysely';
import { forUpdateOnPostgres, type Dialect, type Executor } from '../../platform/db.js';
import type { CopingStrategiesTable, ResourcesTable } from '../../platform/schema.js';

export type StrategyRow = Selectable<CopingStrategiesTable> & { author_handle: string | null };
export type ResourceRow = Selectable<ResourcesTable> & { languages: string[] };

export interface StrategyListOptions {
  viewerId: string;
  /** Words to match with the full-text index (all must match); empty: no search. */
  terms: string[];
  condition: string | null;
  situation: string | null;
  after: { helped: number; id: string } | null;
  limit: number;
}

export interface ResourceFilter {
  region: string | null;
  kind: string | null;
  language: string | null;
  cost: string | null;
}

const strategyColumns = [
  'coping_strategies.id',
  'coping_strategies.author_id',
  'coping_strategies.by_team',
  'coping_strategies.title',
  'coping_strategies.steps',
  'coping_strategies.when_it_helps',
  'coping_strategies.conditions',
  'coping_strategies.situations',
  'coping_strategies.situation_note',
  'coping_strategies.search_body',
  'coping_strategies.state',
  'coping_strategies.helped_count',
  'coping_strategies.reviewed_at',
  'coping_strategies.reviewed_by',
  'coping_strategies.created_at',
  'coping_strategies.updated_at',
] as const;

function strategies(db: Executor) {
  return db.selectFrom('coping_strategies').leftJoin('users', 'users.id', 'coping_strategies.author_id').select([...strategyColumns, 'users.handle as author_handle']);
}

/** Kysely only: coping strategies, "this helped me" marks, saved strategies, resources. */
export const libraryRepository = {
  // ── strategies ──────────────────────────────────────────────────────────────
  async insertStrategy(db: Executor, row: Selectable<CopingStrategiesTable>) {
    await db.insertInto('coping_strategies').values(row).execute();
  },
  findStrategy(db: Executor, id: string): Promise<StrategyRow | undefined> {
    return strategies(db).where('coping_strategies.id', '=', id).executeTakeFirst();
  },
  /**
   * `findStrategy`, locking the row on PostgreSQL until the transaction ends: a removal and a decision on
   * its held item both take the strategy's row before the item's (ADR 052's order), or the two deadlock.
   */
  lockStrategy(db: Executor, dialect: Dialect, id: string): Promise<StrategyRow | undefined> {
    return forUpdateOnPostgres(strategies(db).where('coping_strategies.id', '=', id), dialect, 'coping_strategies').executeTakeFirst();
  },
  async updateStrategy(db: Executor, id: string, patch: Partial<Omit<Selectable<CopingStrategiesTable>, 'id'>>) {
    await db.updateTable('coping_strategies').set(patch).where('id', '=', id).execute();
  },
  async deleteStrategy(db: Executor, id: string) {
    await db.deleteFrom('coping_strategies').where('id', '=', id).execute();
  },

  /**
   * Visible strategies, most helped first, then newest (UUIDv7 ids sort by time), keyset-paged on
   * (helped_count, id). Search is the same engine as the community: FTS5 on SQLite, tsvector on
   * PostgreSQL, used as a filter so the order stays the library's.
   */
  async listStrategies(db: Executor, dialect: Dialect, o: StrategyListOptions): Promise<StrategyRow[]> {
    let q = strategies(db).where('coping_strategies.state', '=', 'visible');
    if (o.condition) q = q.where('coping_strategies.conditions', 'like', `%"${o.condition}"%`);
    if (o.situation) q = q.where('coping_strategies.situations', 'like', `%"${o.situation}"%`);
    if (o.terms.length) {
      if (dialect === 'sqlite') {
        const match = o.terms.map((t) => `"${t}"`).join(' ');
        // The index's rowid is the strategy's `search_key` (migration 0013), never its own rowid.
        q = q.where(sql<boolean>`coping_strategies.search_key in (select rowid from coping_strategies_fts where coping_strategies_fts match ${match})`);
      } else {
        q = q.where(sql<boolean>`coping_strategies.search_vector @@ plainto_tsquery('english', ${o.terms.join(' ')})`);
      }
    }
    if (o.after) {
      const { helped, id } = o.after;
      q = q.where((eb) => eb.or([eb('coping_strategies.helped_count', '<', helped), eb.and([eb('coping_strategies.helped_count', '=', helped), eb('coping_strategies.id', '<', id)])]));
    }
    return q.orderBy('coping_strategies.helped_count', 'desc').orderBy('coping_strategies.id', 'desc').limit(o.limit).execute();
  },
  strategiesBy(db: Executor, authorId: string) {
    return strategies(db).where('coping_strategies.author_id', '=', authorId).where('coping_strategies.state', '<>', 'removed').orderBy('coping_strategies.id', 'desc').limit(500).execute();
  },
  /** Members' visible strategies no supervisor has looked at yet, oldest first. */
  unreviewed(db: Executor, limit: number) {
    return strategies(db)
      .where('coping_strategies.state', '=', 'visible')
      .where('coping_strategies.by_team', '=', 0)
      .where('coping_strategies.reviewed_at', 'is', null)
      .orderBy('coping_strategies.id')
      .limit(limit)
      .execute();
  },
  strategiesByIds(db: Executor, ids: string[]) {
    if (!ids.length) return Promise.resolve([] as StrategyRow[]);
    return strategies(db).where('coping_strategies.id', 'in', ids).execute();
  },

  /** One mark per member (primary key); a repeated or concurrent click inserts nothing. True when new. */
  async addHelped(db: Executor, strategyId: string, userId: string, at: string): Promise<boolean> {
    const res = await db
      .insertInto('coping_strategy_helped')
      .values({ strategy_id: strategyId, user_id: userId, created_at: at })
      .onConflict((oc) => oc.columns(['strategy_id', 'user_id']).doNothing())
      .returning('strategy_id')
      .execute();
    return res.length > 0;
  },
  async removeHelped(db: Executor, strategyId: string, userId: string): Promise<boolean> {
    const res = await db.deleteFrom('coping_strategy_helped').where('strategy_id', '=', strategyId).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
  /** The count moves in the database (never read-modify-write in the service), so concurrent marks add up. */
  async bumpHelped(db: Executor, strategyId: string, delta: 1 | -1) {
    await db
      .updateTable('coping_strategies')
      .set((eb) => ({ helped_count: eb('helped_count', '+', delta) }))
      .where('id', '=', strategyId)
      .execute();
  },
  async helpedBy(db: Executor, strategyIds: string[], userId: string): Promise<Set<string>> {
    if (!strategyIds.length) return new Set();
    const rows = await db.selectFrom('coping_strategy_helped').select('strategy_id').where('user_id', '=', userId).where('strategy_id', 'in', strategyIds).execute();
    return new Set(rows.map((r) => r.strategy_id));
  },
  async savedBy(db: Executor, strategyIds: string[], userId: string): Promise<Set<string>> {
    if (!strategyIds.length) return new Set();
    const rows = await db.selectFrom('recovery_saved_strategies').select('strategy_id').where('user_id', '=', userId).where('strategy_id', 'in', strategyIds).execute();
    return new Set(rows.map((r) => r.strategy_id));
  },
  helpedMarksOf(db: Executor, userId: string) {
    return db.selectFrom('coping_strategy_helped').select(['strategy_id', 'created_at']).where('user_id', '=', userId).orderBy('created_at').execute();
  },
  /** Erasure: each mark the person made comes off its strategy's count, then the marks go. */
  async eraseHelpedMarks(db: Executor, userId: string) {
    await db
      .updateTable('coping_strategies')
      .set((eb) => ({ helped_count: eb('helped_count', '-', 1) }))
      .where('id', 'in', (eb) => eb.selectFrom('coping_strategy_helped').select('strategy_id').where('user_id', '=', userId))
      .execute();
    await db.deleteFrom('coping_strategy_helped').where('user_id', '=', userId).execute();
  },
  async deleteStrategiesBy(db: Executor, userId: string) {
    await db.deleteFrom('coping_strategies').where('author_id', '=', userId).execute();
  },
  async anonymizeStrategiesBy(db: Executor, userId: string) {
    await db.updateTable('coping_strategies').set({ author_id: null }).where('author_id', '=', userId).execute();
  },

  // ── resources ───────────────────────────────────────────────────────────────
  async insertResource(db: Executor, row: Selectable<ResourcesTable>, languages: string[]) {
    await db.insertInto('resources').values(row).execute();
    await db.insertInto('resource_languages').values(languages.map((language) => ({ resource_id: row.id, language }))).execute();
  },
  async replaceResource(db: Executor, id: string, patch: Partial<Omit<Selectable<ResourcesTable>, 'id'>>, languages?: string[]) {
    await db.updateTable('resources').set(patch).where('id', '=', id).execute();
    if (languages) {
      await db.deleteFrom('resource_languages').where('resource_id', '=', id).execute();
      await db.insertInto('resource_languages').values(languages.map((language) => ({ resource_id: id, language }))).execute();
    }
  },
  async deleteResource(db: Executor, id: string): Promise<boolean> {
    const res = await db.deleteFrom('resources').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
  async withLanguages(db: Executor, rows: Selectable<ResourcesTable>[]): Promise<ResourceRow[]> {
    if (!rows.length) return [];
    const langs = await db.selectFrom('resource_languages').select(['resource_id', 'language']).where('resource_id', 'in', rows.map((r) => r.id)).orderBy('language').execute();
    return rows.map((r) => ({ ...r, languages: langs.filter((l) => l.resource_id === r.id).map((l) => l.language) }));
  },
  async findResource(db: Executor, id: string): Promise<ResourceRow | undefined> {
    const row = await db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.withLanguages(db, [row]))[0] : undefined;
  },
  /** Verified entries matching every given filter exactly, by name then id (keyset). */
  async listResources(db: Executor, f: ResourceFilter & { status: 'verified' | 'pending'; after: { name: string; id: string } | null; limit: number }): Promise<ResourceRow[]> {
    let q = db.selectFrom('resources').selectAll('resources').where('resources.status', '=', f.status);
    if (f.region) q = q.where('resources.region', '=', f.region);
    if (f.kind) q = q.where('resources.kind', '=', f.kind as ResourceRow['kind']);
    if (f.cost) q = q.where('resources.cost', '=', f.cost as ResourceRow['cost']);
    if (f.language) {
      const language = f.language;
      q = q.where((eb) => eb.exists(eb.selectFrom('resource_languages').select('resource_languages.resource_id').whereRef('resource_languages.resource_id', '=', 'resources.id').where('resource_languages.language', '=', language)));
    }
    if (f.after) {
      const { name, id } = f.after;
      q = q.where((eb) => eb.or([eb('resources.name', '>', name), eb.and([eb('resources.name', '=', name), eb('resources.id', '>', id)])]));
    }
    return this.withLanguages(db, await q.orderBy('resources.name').orderBy('resources.id').limit(f.limit).execute());
  },
  async staleResources(db: Executor, verifiedBefore: string, limit: number): Promise<ResourceRow[]> {
    const rows = await db.selectFrom('resources').selectAll().where('status', '=', 'verified').where('verified_at', '<', verifiedBefore).orderBy('verified_at').limit(limit).execute();
    return this.withLanguages(db, rows);
  },
  crisisLines(db: Executor, region: string | null) {
    let q = db.selectFrom('crisis_lines').selectAll();
    if (region) q = q.where('region', '=', region);
    return q.orderBy('region').orderBy('sort_order').execute();
  },
  resourcesSuggestedBy(db: Executor, userId: string) {
    return db.selectFrom('resources').select(['id', 'name', 'kind', 'status', 'created_at']).where('suggested_by', '=', userId).orderBy('id').execute();
  },
  async eraseSuggestions(db: Executor, userId: string) {
    // Pending suggestions are the person's own words: gone. Verified entries are the supervisors' now: unlinked.
    await db.deleteFrom('resources').where('suggested_by', '=', userId).where('status', '=', 'pending').execute();
    await db.updateTable('resources').set({ suggested_by: null }).where('suggested_by', '=', userId).execute();
  },
};
