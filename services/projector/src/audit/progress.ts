/** A progress bar on stderr for long replays: redrawn in place on a terminal, a line per 10% otherwise. */
export function progressBar(total: bigint | undefined, out: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastDraw = 0;
  let lastDecile = -1;
  const render = (position: bigint, events: number, final = false) => {
    const fraction = total && total > 0n ? Math.min(1, Number((position * 1000n) / total) / 1000) : 0;
    const rate = Math.round(events / Math.max(0.001, (Date.now() - started) / 1000));
    const width = 30;
    const filled = Math.round(fraction * width);
    const line = `replay [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(fraction * 100).toFixed(1)}% ${events} events ${rate} ev/s`;
    if (out.isTTY) {
      out.write(`\r${line}${final ? '\n' : ''}`);
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile !== lastDecile || final) {
        lastDecile = decile;
        out.write(`${line}\n`);
      }
    }
  };
  return {
    update(position: bigint, events: number) {
      const now = Date.now();
      if (now - lastDraw < 200) return;
      lastDraw = now;
      render(position, events);
    },
    done(position: bigint, events: number) {
      render(total ?? position, events, true);
    },
  };
}
