/** Stream categories (聚合类别) of Shouwang; `$all` subscriptions are filtered to these prefixes. */
export const streamCategories = ['volunteer', 'post', 'request', 'donation', 'team', 'mode', 'org'] as const;
export type StreamCategory = (typeof streamCategories)[number];

export const shouwangStreamPrefixes: string[] = streamCategories.map((c) => `${c}-`);

/** The category of a stream: its name before the first `-`. */
export function categoryOf(stream: string): string {
  const i = stream.indexOf('-');
  return i < 0 ? stream : stream.slice(0, i);
}
