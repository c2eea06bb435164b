import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../../contracts/common.js';
import { TodayView } from '../../../contracts/today.js';
import { requireActor } from '../../platform/actor.js';
import type { TodayService } from './today.service.js';

const errors = { 401: ErrorResponse, 403: ErrorResponse };

/** The signed-in home page's one read (ADR 045). */
export function todayRoutes(today: TodayService): FastifyPluginAsyncZod {
  return async (app) => {
    // The response schema is the presenter: the compiled serializer copies only TodayView's fields.
    app.get('/api/me/today', { schema: { tags: ['accounts'], response: { 200: TodayView, ...errors } } }, async (req) => {
      return today.today(requireActor(req));
    });
  };
}
