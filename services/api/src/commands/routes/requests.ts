import { requestDecider, requestStream } from '@shouwang/domain';
import { singleStep } from '../single.js';
import { dataOf, NoParams, RequestParams } from './schemas.js';

const tag = 'requests 点单';
const decider = requestDecider as never;
const own = { params: RequestParams, decider, stream: (p: { requestId: string }) => requestStream(p.requestId) };

/** Resident requests: placed, fulfilled (also done by service completion), rated. Dispatch goes through the dispatch route. */
export const requestRoutes = [
  singleStep({
    url: '/v1/requests',
    commandType: 'PlaceResidentRequest',
    summary: 'A resident asks for a service (点单)',
    tag,
    params: NoParams,
    body: dataOf('PlaceResidentRequest').omit({ now: true }),
    decider,
    stream: (_p, b) => requestStream(b.requestId),
    data: (_p, b) => b,
  }),
  singleStep({
    ...own,
    url: '/v1/requests/:requestId/fulfilment',
    commandType: 'FulfilRequest',
    summary: 'Mark the request served by its dispatch',
    tag,
    body: dataOf('FulfilRequest').omit({ requestId: true, now: true }),
    data: (p, b) => ({ ...b, requestId: p.requestId }),
  }),
  singleStep({
    ...own,
    url: '/v1/requests/:requestId/rating',
    commandType: 'RateRequest',
    summary: 'The resident rates the service (评单)',
    tag,
    body: dataOf('RateRequest').omit({ requestId: true, now: true }),
    data: (p, b) => ({ ...b, requestId: p.requestId }),
  }),
];
