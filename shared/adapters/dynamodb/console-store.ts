// The console's sign-in codes, sessions, passkeys and access log in the hotline table (keys in keys.ts).
import { createHash, randomBytes } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  AccessEntry,
  ConsoleSession,
  ConsoleStore,
  SignInState,
  StoredPasskey,
} from '../../ports/console-store.js';
import type { OutboundMessage } from '../../ports/outbox.js';
import { consoleKeys } from './keys.js';
import { deleteKeys, queryAll } from './requests.js';
import { outboxPut } from './side-writes.js';

export class DynamoConsoleStore implements ConsoleStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async signIn(subject: string): Promise<SignInState> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: consoleKeys.signIn(subject), ConsistentRead: true }),
    );
    return toSignIn(result.Item);
  }

  async saveCode(
    subject: string,
    state: SignInState,
    message: OutboundMessage,
    expiresAt: number,
  ): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: consoleKeys.signIn(subject),
              UpdateExpression:
                'SET codeHash = :hash, codeExpiresAt = :until, codeSentAt = :sent, sendsDay = :day, sends = :sends, expiresAt = :ttl',
              ExpressionAttributeValues: {
                ':hash': state.codeHash,
                ':until': state.codeExpiresAt,
                ':sent': state.codeSentAt,
                ':day': state.sendsDay,
                ':sends': state.sends,
                ':ttl': expiresAt,
              },
            },
          },
          outboxPut(this.tableName, message, new Date()),
        ],
      }),
    );
  }

  async countAttempt(subject: string, expiresAt: number): Promise<SignInState> {
    const result = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: consoleKeys.signIn(subject),
        UpdateExpression: 'ADD attempts :one SET expiresAt = if_not_exists(expiresAt, :ttl)',
        ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAt },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toSignIn(result.Attributes);
  }

  async lock(subject: string, until: number, expiresAt: number): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: consoleKeys.signIn(subject),
        UpdateExpression: 'SET lockedUntil = :until, expiresAt = :ttl REMOVE codeHash, codeExpiresAt',
        ExpressionAttributeValues: { ':until': until, ':ttl': expiresAt },
      }),
    );
  }

  async resetAttempts(subject: string, lockedUntil: number): Promise<void> {
    // When another try reset it first, its count stands.
    await conditional(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: consoleKeys.signIn(subject),
          UpdateExpression: 'SET attempts = :zero REMOVE lockedUntil',
          ConditionExpression: 'lockedUntil = :seen',
          ExpressionAttributeValues: { ':zero': 0, ':seen': lockedUntil },
        }),
      ),
    );
  }

  async consumeCode(subject: string, codeHash: string): Promise<boolean> {
    return conditional(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: consoleKeys.signIn(subject),
          UpdateExpression: 'SET attempts = :zero REMOVE codeHash, codeExpiresAt, lockedUntil',
          ConditionExpression: 'codeHash = :hash',
          ExpressionAttributeValues: { ':zero': 0, ':hash': codeHash },
        }),
      ),
    );
  }

  async createSession(sessionHash: string, session: ConsoleSession): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...consoleKeys.session(sessionHash), type: 'consoleSession', ...session },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async session(sessionHash: string): Promise<ConsoleSession | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: consoleKeys.session(sessionHash) }),
    );
    const item = result.Item;
    if (!item || typeof item.volunteerId !== 'string') return undefined;
    return {
      volunteerId: item.volunteerId,
      createdAt: String(item.createdAt),
      expiresAt: Number(item.expiresAt),
    };
  }

  async deleteSession(sessionHash: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: consoleKeys.session(sessionHash) }),
    );
  }

  async recordAccess(code: string, entry: AccessEntry, expiresAt: number, bucket?: string): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...consoleKeys.access(
            code,
            bucket
              ? `${entry.volunteerId}#${bucket}`
              : `${entry.at}#${entry.volunteerId}#${entry.action}#${randomBytes(4).toString('hex')}`,
          ),
          type: 'consoleAccess',
          ...entry,
          expiresAt,
        },
      }),
    );
  }

  async accessLog(code: string): Promise<AccessEntry[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :access)',
      ExpressionAttributeValues: {
        ':pk': consoleKeys.access(code, '').pk,
        ':access': consoleKeys.accessPrefix,
      },
    });
    return items
      .map((item) => ({
        at: String(item.at),
        volunteerId: String(item.volunteerId),
        action: String(item.action) as AccessEntry['action'],
      }))
      .sort((a, b) => a.at.localeCompare(b.at));
  }

  async savePasskey(passkey: StoredPasskey): Promise<boolean> {
    return conditional(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...consoleKeys.passkey(idHash(passkey.credentialId)), type: 'consolePasskey', ...passkey },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async passkey(credentialId: string): Promise<StoredPasskey | undefined> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: consoleKeys.passkey(idHash(credentialId)),
        ConsistentRead: true,
      }),
    );
    const passkey = toPasskey(result.Item);
    return passkey?.credentialId === credentialId ? passkey : undefined;
  }

  async passkeysOf(volunteerId: string): Promise<StoredPasskey[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'volunteerId = :volunteer',
      ExpressionAttributeValues: {
        ':pk': 'CONSOLE',
        ':prefix': consoleKeys.passkeyPrefix,
        ':volunteer': volunteerId,
      },
      ConsistentRead: true,
    });
    return items
      .map(toPasskey)
      .filter((p): p is StoredPasskey => p !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async usePasskey(credentialId: string, seen: number, signCount: number, at: string): Promise<boolean> {
    return conditional(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: consoleKeys.passkey(idHash(credentialId)),
          UpdateExpression: 'SET signCount = :count, lastUsedAt = :at',
          ConditionExpression: 'signCount = :seen',
          ExpressionAttributeValues: { ':count': signCount, ':at': at, ':seen': seen },
        }),
      ),
    );
  }

  async deletePasskey(credentialId: string, volunteerId: string): Promise<boolean> {
    return conditional(
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: consoleKeys.passkey(idHash(credentialId)),
          ConditionExpression: 'volunteerId = :volunteer',
          ExpressionAttributeValues: { ':volunteer': volunteerId },
        }),
      ),
    );
  }

  async deletePasskeysOf(volunteerId: string): Promise<void> {
    const passkeys = await this.passkeysOf(volunteerId);
    await deleteKeys(
      this.client,
      this.tableName,
      passkeys.map((p) => consoleKeys.passkey(idHash(p.credentialId))),
      'removing passkeys',
    );
  }

  async countSourceTry(sourceHash: string, hour: string, expiresAt: number): Promise<number> {
    const result = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: consoleKeys.sourceHour(sourceHash, hour),
        UpdateExpression: 'ADD tries :one SET expiresAt = if_not_exists(expiresAt, :ttl)',
        ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAt },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.tries ?? 1);
  }

  async useChallenge(challengeHash: string, expiresAt: number): Promise<boolean> {
    return conditional(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...consoleKeys.challenge(challengeHash), type: 'consoleChallenge', expiresAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }
}

const idHash = (credentialId: string) => createHash('sha256').update(credentialId).digest('base64url');

/** True when the write happened, false when its condition failed; any other error is thrown. */
async function conditional(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

function toPasskey(item: Record<string, unknown> | undefined): StoredPasskey | undefined {
  if (!item || typeof item.credentialId !== 'string' || typeof item.volunteerId !== 'string')
    return undefined;
  const algorithm = Number(item.algorithm);
  if (algorithm !== -7 && algorithm !== -8 && algorithm !== -257) return undefined;
  return {
    credentialId: item.credentialId,
    volunteerId: item.volunteerId,
    publicKey: item.publicKey as Record<string, string>,
    algorithm,
    signCount: Number(item.signCount ?? 0),
    backedUp: item.backedUp === true,
    createdAt: String(item.createdAt),
    lastUsedAt: typeof item.lastUsedAt === 'string' ? item.lastUsedAt : undefined,
  };
}

function toSignIn(item: Record<string, unknown> | undefined): SignInState {
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  return {
    codeHash: typeof item?.codeHash === 'string' ? item.codeHash : undefined,
    codeExpiresAt: number(item?.codeExpiresAt),
    codeSentAt: number(item?.codeSentAt),
    sendsDay: typeof item?.sendsDay === 'string' ? item.sendsDay : undefined,
    sends: number(item?.sends) ?? 0,
    attempts: number(item?.attempts) ?? 0,
    lockedUntil: number(item?.lockedUntil),
  };
}
