// How many children's pipes are asked for a chunk at once. A pipe asked reads up to 64 KiB, which
// then waits in the supervisor until the sink writes it: with every pipe asked at once, fifty
// sidecars flooding output held 64 KiB each, and their buffers, waiting through many young GCs,
// were promoted to the old generation (exec's peak RSS 63–65 MB so, 61–62 MB with turns).
// A child asked that gives nothing for a while gives its turn up (its pipe stays asked: what it
// writes later is still read), so quiet sidecars never hold the turns of those that write.

/** Pipes asked at once, per output stream. */
export const READ_TURNS = 4;
/** A pipe asked that gives nothing for this long gives its turn up. */
export const SILENT_MS = 100;

export interface ReadTurns<T> {
  /** May `who` ask its pipe now? true: it holds a turn until `release`. false: it waits, and `onTurn(who)` says when it may. */
  ask(who: T): boolean;
  /** `who` got its chunk, or ended: its turn goes to the next that waits. */
  release(who: T): void;
}

export interface TurnsOptions {
  turns: number;
  silentMs: number;
  now: () => number;
  /** runs `fn` in `ms` (never keeping the process alive for it) */
  later: (fn: () => void, ms: number) => void;
}

const DEFAULTS: TurnsOptions = {
  turns: READ_TURNS,
  silentMs: SILENT_MS,
  now: Date.now,
  later: (fn, ms) => setTimeout(fn, ms).unref(),
};

export function createReadTurns<T>(
  onTurn: (who: T) => void,
  options: Partial<TurnsOptions> = {},
): ReadTurns<T> {
  const { turns, silentMs, now, later } = { ...DEFAULTS, ...options };
  /** who holds a turn, since when */
  const holding = new Map<T, number>();
  const waiting: T[] = [];
  let checking = false;

  const giveUpSilent = (at: number): void => {
    for (const [who, since] of holding) if (at - since >= silentMs) holding.delete(who);
  };
  const grant = (): void => {
    const at = now();
    giveUpSilent(at);
    while (holding.size < turns) {
      const who = waiting.shift();
      if (who === undefined) break;
      holding.set(who, at);
      onTurn(who);
    }
    // those that wait get the turns of the silent ones, at the latest once those have been silent long enough
    if (waiting.length > 0 && !checking) {
      checking = true;
      later(() => {
        checking = false;
        grant();
      }, silentMs);
    }
  };

  return {
    ask(who) {
      if (holding.has(who)) return true;
      const at = now();
      giveUpSilent(at);
      if (holding.size < turns && waiting.length === 0) {
        holding.set(who, at);
        return true;
      }
      if (!waiting.includes(who)) waiting.push(who);
      grant();
      return false;
    },
    release(who) {
      const index = waiting.indexOf(who);
      if (index >= 0) waiting.splice(index, 1);
      if (holding.delete(who)) grant();
    },
  };
}
