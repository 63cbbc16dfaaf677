// Port: the writes that stand or fall with a handled message, in one transaction. Use cases name them in
// domain terms; the adapter turns them into its own transaction items (shared/adapters/dynamodb).
import type { Case } from '../cases/case.js';
import type { OutboundMessage } from './outbox.js';

export interface SideWrites {
  /** A case the message changed, written only if its stored version is still `readVersion`. */
  caseChange?: { next: Case; readVersion: number | undefined } | undefined;
  /** Messages to send once the write stands: the outbox drains them (shared/use-cases/drain-outbox.ts). */
  outbox?: readonly OutboundMessage[] | undefined;
}
