// Use case: work off outbox messages in the order they were written. Each is claimed (so a redelivered
// stream record or a second sender cannot send it again), sent through its channel at that channel's
// pace, then deleted. A temporary failure releases the claim and stops the batch there: the stream
// delivers the rest again, and what was sent already is gone from the table, so it is skipped.
import type { Logger } from '../logger.js';
import type { ChannelName, ChannelSender, OutboxStore } from '../ports/outbox.js';

export interface DrainPorts {
  store: OutboxStore;
  /** The channels this deployment can send on; a message for any other is dropped and logged. */
  senders: Partial<Record<ChannelName, ChannelSender>>;
  /** Waits for the channel's next send slot toward `to` (rate limits). */
  pace: (channel: ChannelName, to: string) => Promise<void>;
  now: () => Date;
  log?: Logger | undefined;
  /** Seconds a claim holds a message (longer than one send can take). */
  leaseSeconds?: number;
}

export interface DrainResult {
  sent: number;
  /** Given up on: a permanent refusal (a blocked bot, a bad number) or no sender for the channel. */
  dropped: number;
  /** Sent before (a redelivery): nothing done. */
  skipped: number;
  /** The first message not done, from which the whole rest must be delivered again; absent when all done. */
  retryFrom?: string | undefined;
}

export async function drainOutbox(ports: DrainPorts, ids: readonly string[]): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, dropped: 0, skipped: 0 };
  for (const id of ids) {
    const claimed = await ports.store.claim(id, ports.now(), ports.leaseSeconds ?? 120);
    if (claimed === 'gone') {
      result.skipped++;
      continue;
    }
    if (claimed === 'held') {
      // Another sender has it right now, or one died holding it: come back after the lease.
      result.retryFrom = id;
      return result;
    }
    if (claimed.callerId && (await ports.store.callerErased(claimed.callerId))) {
      // Erased after this was written (a relay or an answer still waiting): it goes unsent, with its words.
      ports.log?.info('outbox.recipient_erased', { channel: claimed.channel });
      await ports.store.remove(id);
      result.dropped++;
      continue;
    }
    const sender = ports.senders[claimed.channel];
    if (!sender) {
      ports.log?.error('outbox.no_sender', { channel: claimed.channel });
      await ports.store.remove(id);
      result.dropped++;
      continue;
    }
    await ports.pace(claimed.channel, claimed.to);
    const sent = await sender.send(claimed).catch((error: unknown) => ({
      ok: false as const,
      permanent: false,
      reason: error instanceof Error ? error.name : 'unknown',
    }));
    if (sent.ok) {
      await ports.store.remove(id);
      result.sent++;
      continue;
    }
    if (sent.permanent) {
      ports.log?.warn('outbox.refused', { channel: claimed.channel, reason: sent.reason });
      await ports.store.remove(id);
      result.dropped++;
      continue;
    }
    ports.log?.warn('outbox.retry', { channel: claimed.channel, reason: sent.reason });
    await ports.store.release(id);
    result.retryFrom = id;
    return result;
  }
  return result;
}
