// The prompt studio's recordings: one small item each in the `PROMPTS` partition, read whole.
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PromptKey, PromptRecording, PromptRecordings } from '../../ports/prompt-studio.js';
import { promptKeys } from './keys.js';
import { queryAll } from './requests.js';

export class DynamoPromptRecordings implements PromptRecordings {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async all(): Promise<Map<PromptKey, PromptRecording>> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': promptKeys.partition },
    });
    return new Map(
      items.map((item) => [
        String(item.key),
        { version: String(item.version), at: String(item.at), by: String(item.by) },
      ]),
    );
  }

  async record(key: PromptKey, recording: PromptRecording): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...promptKeys.recording(key), type: 'promptRecording', key, ...recording },
      }),
    );
  }
}
