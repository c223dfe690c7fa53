import { postDecider, postStream } from '@shouwang/domain';
import { singleStep } from '../single.js';
import { dataOf, NoParams, PostParams } from './schemas.js';

const tag = 'posts 岗位';
const decider = postDecider as never;
const own = { params: PostParams, decider, stream: (p: { postId: string }) => postStream(p.postId) };

/** Posts at points of a station. Seats are taken and freed only by the dispatch routes. */
export const postRoutes = [
  singleStep({
    url: '/v1/posts',
    commandType: 'OpenPost',
    summary: 'Open a post (岗位) at a point with shifts and a staffing figure per mode',
    tag,
    params: NoParams,
    body: dataOf('OpenPost').omit({ now: true }),
    decider,
    stream: (_p, b) => postStream(b.postId),
    data: (_p, b) => b,
  }),
  singleStep({
    ...own,
    url: '/v1/posts/:postId/shifts',
    commandType: 'AddPostShift',
    summary: 'Add a shift to an open post',
    tag,
    body: dataOf('AddPostShift').omit({ postId: true, now: true }),
    data: (p, b) => ({ ...b, postId: p.postId }),
  }),
  singleStep({
    ...own,
    url: '/v1/posts/:postId/staffing',
    commandType: 'ChangePostStaffing',
    summary: 'Change the staffing figures (per mode) of a post',
    tag,
    body: dataOf('ChangePostStaffing').omit({ postId: true, now: true }),
    data: (p, b) => ({ ...b, postId: p.postId }),
  }),
  singleStep({
    ...own,
    url: '/v1/posts/:postId/closure',
    commandType: 'ClosePost',
    summary: 'Close a post',
    tag,
    body: dataOf('ClosePost').omit({ postId: true, now: true }),
    data: (p, b) => ({ ...b, postId: p.postId }),
  }),
];
