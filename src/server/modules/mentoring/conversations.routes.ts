import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ConversationSummary,
  MentorshipParam,
  MessagePage,
  MessageParam,
  MessageSent,
  MessagesQuery,
  NewMessageBody,
  OneMessage,
  ReceiptBody,
  ReceiptResult,
  SupporterLoad,
  TypingResult,
} from '../../../contracts/conversations.js';
import { ErrorResponse } from '../../../contracts/common.js';
import { requireActor } from '../../platform/actor.js';
import { createdHeaders } from '../../platform/idempotency.js';
import type { ConversationsService } from './conversations.service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };
const tags = ['mentoring'];

/** The private conversation of a mentorship: messages, receipts, typing, unread counts, the supporter's load. */
export function conversationsRoutes(conversations: ConversationsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/mentoring/mentorships/:id/messages', { schema: { tags, params: MentorshipParam, querystring: MessagesQuery, response: { 200: MessagePage, ...errors } } }, async (req) => {
      return conversations.listMessages(requireActor(req), req.params.id, req.query);
    });

    app.get('/api/mentoring/mentorships/:id/messages/:messageId', { schema: { tags, params: MessageParam, response: { 200: OneMessage, ...errors } } }, async (req) => {
      return { message: await conversations.getMessage(requireActor(req), req.params.id, req.params.messageId) };
    });

    // A retry (the same clientId and words) answers as the first send did: 201, marked
    // `Idempotent-Replayed` (ADR 042), with `created: false`; it is not counted by the write limit.
    // Before the params are validated: an id that is not one is not looked up (its 400 comes next).
    const retried = async (req: FastifyRequest, clientId: string) => {
      const id = MentorshipParam.safeParse(req.params);
      return id.success && conversations.sentWithKey(requireActor(req), id.data.id, clientId);
    };
    app.post(
      '/api/mentoring/mentorships/:id/messages',
      { config: { idempotentCreate: retried }, schema: { tags, params: MentorshipParam, body: NewMessageBody, response: { 201: MessageSent, ...errors } } },
      async (req, reply) => {
        const sent = await conversations.send(requireActor(req), req.params.id, req.body);
        return reply.code(201).headers(createdHeaders({ result: sent, replayed: !sent.created })).send(sent);
      },
    );

    app.post('/api/mentoring/mentorships/:id/delivered', { schema: { tags, params: MentorshipParam, body: ReceiptBody, response: { 200: ReceiptResult, ...errors } } }, async (req) => {
      return conversations.receipt(requireActor(req), req.params.id, req.body.upTo, 'delivered');
    });

    app.post('/api/mentoring/mentorships/:id/read', { schema: { tags, params: MentorshipParam, body: ReceiptBody, response: { 200: ReceiptResult, ...errors } } }, async (req) => {
      return conversations.receipt(requireActor(req), req.params.id, req.body.upTo, 'read');
    });

    app.post('/api/mentoring/mentorships/:id/typing', { schema: { tags, params: MentorshipParam, response: { 200: TypingResult, ...errors } } }, async (req) => {
      return conversations.typing(requireActor(req), req.params.id);
    });

    app.get('/api/mentoring/conversations', { schema: { tags, response: { 200: ConversationSummary, ...errors } } }, async (req) => {
      return conversations.summary(requireActor(req));
    });

    app.get('/api/mentoring/me/load', { schema: { tags, response: { 200: SupporterLoad, ...errors } } }, async (req) => {
      return conversations.load(requireActor(req));
    });
  };
}
