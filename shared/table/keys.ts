// Key grammar of every entity in the hotline table. Handlers and stores never build keys by hand.
// Everything about one caller sits under one partition (`CALLER#<callerId>`), so erasure is one query.

export interface ItemKey {
  pk: string;
  sk: string;
}

const callerPartition = (callerId: string) => `CALLER#${callerId}`;

export const callerKeys = {
  partition: callerPartition,
  profile: (callerId: string): ItemKey => ({ pk: callerPartition(callerId), sk: 'PROFILE' }),
  /** One per handled Twilio message: a retried webhook finds it and gets the same reply. */
  inboundMessage: (callerId: string, messageSid: string): ItemKey => ({
    pk: callerPartition(callerId),
    sk: `MSG#${messageSid}`,
  }),
};
