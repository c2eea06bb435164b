import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParam, Ok } from '../../../contracts/common.js';
import {
  HelpedResult,
  ResourceBody,
  ResourceCreateBody,
  ResourceListQuery,
  ResourcePage,
  ResourceView,
  ResourceWritten,
  StrategyBody,
  StrategyListQuery,
  StrategyPage,
  StrategyView,
  StrategyWritten,
} from '../../../contracts/library.js';
import { SafetyNotice } from '../../../contracts/safety.js';
import { requireActor } from '../../platform/actor.js';
import { createdHeaders } from '../../platform/idempotency.js';
import type { LibraryService } from './library.service.js';

const HeldError = z.object({ error: ErrorResponse.shape.error.extend({ safety: SafetyNotice.optional() }) });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: HeldError };
const tags = ['library'];
const ListLimit = z.strictObject({ limit: z.coerce.number({ message: 'must be a number' }).int().min(1).max(200).default(50) });

/** Coping strategies and the resource directory. */
export function libraryRoutes(library: LibraryService): FastifyPluginAsyncZod {
  return async (app) => {
    // ── strategies ────────────────────────────────────────────────────────────
    app.get('/api/library/strategies', { schema: { tags, querystring: StrategyListQuery, response: { 200: StrategyPage, ...errors } } }, async (req) => {
      return library.listStrategies(requireActor(req), req.query);
    });

    app.post('/api/library/strategies', { config: { idempotentCreate: true }, schema: { tags, body: StrategyBody, response: { 201: StrategyWritten, ...errors } } }, async (req, reply) => {
      const written = await library.createStrategy(requireActor(req), req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    app.get('/api/library/strategies/mine', { schema: { tags, response: { 200: z.object({ strategies: z.array(StrategyView) }), ...errors } } }, async (req) => {
      return { strategies: await library.myStrategies(requireActor(req)) };
    });

    app.get('/api/library/strategies/unreviewed', { schema: { tags, querystring: ListLimit, response: { 200: z.object({ strategies: z.array(StrategyView) }), ...errors } } }, async (req) => {
      return { strategies: await library.unreviewed(requireActor(req), req.query.limit) };
    });

    app.get('/api/library/strategies/:id', { schema: { tags, params: IdParam, response: { 200: StrategyView, ...errors } } }, async (req) => {
      return library.getStrategy(requireActor(req), req.params.id);
    });

    app.delete('/api/library/strategies/:id', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await library.removeStrategy(requireActor(req), req.params.id);
      return { ok: true as const };
    });

    // "This helped me" as one click: POST marks, DELETE unmarks (both idempotent).
    app.post('/api/library/strategies/:id/helped', { schema: { tags, params: IdParam, response: { 200: HelpedResult, ...errors } } }, async (req) => {
      return library.markHelped(requireActor(req), req.params.id, true);
    });

    app.delete('/api/library/strategies/:id/helped', { schema: { tags, params: IdParam, response: { 200: HelpedResult, ...errors } } }, async (req) => {
      return library.markHelped(requireActor(req), req.params.id, false);
    });

    app.post('/api/library/strategies/:id/reviewed', { schema: { tags, params: IdParam, response: { 200: StrategyView, ...errors } } }, async (req) => {
      return library.markReviewed(requireActor(req), req.params.id);
    });

    // ── resources ─────────────────────────────────────────────────────────────
    app.get('/api/library/resources', { schema: { tags, querystring: ResourceListQuery, response: { 200: ResourcePage, ...errors } } }, async (req) => {
      return library.listResources(requireActor(req), req.query);
    });

    app.post('/api/library/resources', { config: { idempotentCreate: true }, schema: { tags, body: ResourceCreateBody, response: { 201: ResourceWritten, ...errors } } }, async (req, reply) => {
      const written = await library.suggestResource(requireActor(req), req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    app.get('/api/library/resources/pending', { schema: { tags, querystring: ListLimit, response: { 200: z.object({ resources: z.array(ResourceView) }), ...errors } } }, async (req) => {
      return { resources: await library.pendingResources(requireActor(req), req.query.limit) };
    });

    app.get('/api/library/resources/stale', { schema: { tags, querystring: ListLimit, response: { 200: z.object({ resources: z.array(ResourceView) }), ...errors } } }, async (req) => {
      return { resources: await library.staleResources(requireActor(req), req.query.limit) };
    });

    app.get('/api/library/resources/:id', { schema: { tags, params: IdParam, response: { 200: ResourceView, ...errors } } }, async (req) => {
      return library.getResource(requireActor(req), req.params.id);
    });

    app.put('/api/library/resources/:id', { schema: { tags, params: IdParam, body: ResourceBody, response: { 200: ResourceWritten, ...errors } } }, async (req) => {
      return library.editResource(requireActor(req), req.params.id, req.body);
    });

    app.post('/api/library/resources/:id/verify', { schema: { tags, params: IdParam, response: { 200: ResourceView, ...errors } } }, async (req) => {
      return library.verifyResource(requireActor(req), req.params.id);
    });

    app.delete('/api/library/resources/:id', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await library.removeResource(requireActor(req), req.params.id);
      return { ok: true as const };
    });
  };
}
