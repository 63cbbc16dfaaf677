// `npm start`'s terminal: one readable line per webhook and per job run, made from the JSON log lines the
// handlers write (already redacted: no number, no body) while they answer it. In Lambda the same lines stay
// JSON on stdout.
import type { LogSink } from '../shared/logger.js';

type Entry = Record<string, unknown>;

/** Fields every line has, or that say the same as the line's own columns. */
const HIDDEN = new Set(['level', 'time', 'event', 'requestId', 'route', '_aws']);

export class RequestLog {
  private readonly pending = new Map<string, Entry[]>();

  constructor(private readonly out: (line: string) => void) {}

  /** The sink to give `setLogSink`: lines of a request in progress wait for its end; others print now. */
  readonly sink: LogSink = (line) => {
    let entry: Entry;
    try {
      entry = JSON.parse(line) as Entry;
    } catch {
      this.out(line);
      return;
    }
    const id = typeof entry.requestId === 'string' ? entry.requestId : undefined;
    const waiting = id === undefined ? undefined : this.pending.get(id);
    if (waiting) waiting.push(entry);
    else this.out(`${clock()}  ${describe([entry])}`);
  };

  begin(requestId: string): void {
    this.pending.set(requestId, []);
  }

  end(requestId: string, what: string, status: number | string, started: number): void {
    const entries = this.pending.get(requestId) ?? [];
    this.pending.delete(requestId);
    const ms = `${Math.round(performance.now() - started)} ms`;
    this.out(
      `${clock()}  ${what.padEnd(24)} ${String(status).padEnd(4)} ${ms.padStart(7)}  ${describe(entries)}`,
    );
  }
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/** `event key=value …` for each entry, warnings and errors marked; metric counters left out. */
function describe(entries: readonly Entry[]): string {
  return entries
    .map((entry) => {
      const metrics = new Set(
        (
          (entry._aws as { CloudWatchMetrics?: { Metrics?: { Name: string }[] }[] } | undefined)
            ?.CloudWatchMetrics ?? []
        )
          .flatMap((directive) => directive.Metrics ?? [])
          .map((metric) => metric.Name),
      );
      const fields = Object.entries(entry)
        .filter(([key, value]) => !HIDDEN.has(key) && !metrics.has(key) && value !== undefined)
        .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
      const level =
        entry.level === 'warn' || entry.level === 'error' ? `${String(entry.level).toUpperCase()} ` : '';
      return `${level}${String(entry.event ?? '')}${fields.length > 0 ? ` ${fields.join(' ')}` : ''}`;
    })
    .join(' | ');
}
