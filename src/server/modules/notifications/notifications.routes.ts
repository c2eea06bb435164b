import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MarkReadBody, NotificationPage, NotificationPrefsBody, NotificationPrefsView, NotificationsQuery } from '../../../contracts/communities.js';
import { ErrorResponse } from '../../../contracts/common.js';
import { requireActor } from '../../platform/actor.js';
import { presentNotification } from './notifications.presenter.js';
import type { NotificationsService } from './notifications.service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** The in-app notification list, read marks and per-kind preferences. */
export function notificationsRoutes(notifications: NotificationsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/notifications', { schema: { tags: ['notifications'], querystring: NotificationsQuery, response: { 200: NotificationPage, ...errors } } }, async (req) => {
      const { rows, unreadCount } = await notifications.list(requireActor(req), { cursor: req.query.cursor, limit: req.query.limit, unreadOnly: req.query.unread === 'true' });
      return { notifications: rows.map(presentNotification), unreadCount, nextCursor: rows.length === req.query.limit ? rows[rows.length - 1]!.id : null };
    });

    app.post('/api/notifications/read', { schema: { tags: ['notifications'], body: MarkReadBody, response: { 200: z.object({ unreadCount: z.number() }), ...errors } } }, async (req) => {
      return { unreadCount: await notifications.markRead(requireActor(req), 'all' in req.body ? 'all' : req.body.ids) };
    });

    app.get('/api/me/notification-preferences', { schema: { tags: ['notifications'], response: { 200: NotificationPrefsView, ...errors } } }, async (req) => {
      return { prefs: await notifications.prefs(requireActor(req)) };
    });

    app.put('/api/me/notification-preferences', { schema: { tags: ['notifications'], body: NotificationPrefsBody, response: { 200: NotificationPrefsView, ...errors } } }, async (req) => {
      return { prefs: await notifications.setPrefs(requireActor(req), req.body.prefs) };
    });
  };
}
