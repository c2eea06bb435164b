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

    app.post('/api/mentoring/mentorships/:id/messages', { schema: { tags, params: MentorshipParam, body: NewMessageBody, response: { 200: MessageSent, 201: MessageSent, ...errors } } }, async (req, reply) => {
      const sent = await conversations.send(requireActor(req), req.params.id, req.body);
      return reply.code(sent.created ? 201 : 200).send(sent);
    });

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
