import type { z } from 'zod';
import type { StoredEvent } from '@shouwang/event-store';
import type { Target } from '../auth/access.js';
import type { CommandOutcome } from './answer.js';
import type { Invocation } from './invocation.js';
import type { StepDecider } from './fold.js';

type Obj = z.ZodObject;

/** A command endpoint: its HTTP schemas and how it runs. */
export interface CommandRoute {
  url: string;
  /** The domain command(s) it issues, for docs, metrics and OpenAPI. */
  commandType: string;
  summary: string;
  tag: string;
  params: Obj;
  body: Obj;
  run(inv: Invocation, params: Record<string, string>, body: Record<string, unknown>): Promise<CommandOutcome>;
}

/** A command decided by one aggregate. */
export interface SingleStepSpec<P extends Obj, B extends Obj> {
  url: string;
  commandType: string;
  summary: string;
  tag: string;
  params: P;
  body: B;
  decider: StepDecider<never, unknown>;
  stream(params: z.infer<P>, body: z.infer<B>): string;
  /** The command's data (without `now`, which comes from the clock). */
  data(params: z.infer<P>, body: z.infer<B>, inv: Invocation): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** What the caller must reach, from the stored aggregate; default: its district (or the one being created). */
  target?(stream: string, history: StoredEvent[], data: Record<string, unknown>): Target | undefined;
}

