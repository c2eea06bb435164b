import { describeResponseHeaders } from './response-header-cases.js';

describeResponseHeaders('set at once into Fastify\'s header map');
