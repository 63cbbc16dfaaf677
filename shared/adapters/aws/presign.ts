// AWS Signature Version 4 by query string (a presigned URL) for one S3 object, with node:crypto only: the
// browser PUTs a prompt recording straight into the prompts bucket, and the console function reads it
// back to check it. No S3 SDK in the bundle for two URLs.
import { createHash, createHmac } from 'node:crypto';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

const encode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** `https://<host>/<key>?X-Amz-…`: valid `expiresSeconds` from `now`, for `method` on the object. */
export function presignS3Url(options: {
  method: 'GET' | 'PUT';
  host: string;
  key: string;
  region: string;
  credentials: AwsCredentials;
  now: Date;
  expiresSeconds: number;
}): string {
  const amzDate = options.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${options.region}/s3/aws4_request`;
  const path = `/${options.key.split('/').map(encode).join('/')}`;
  const query: Record<string, string> = {
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${options.credentials.accessKeyId}/${scope}`,
    'X-Amz-Date': amzDate,
    'X-Amz-Expires': String(options.expiresSeconds),
    'X-Amz-SignedHeaders': 'host',
    ...(options.credentials.sessionToken ? { 'X-Amz-Security-Token': options.credentials.sessionToken } : {}),
  };
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((name) => `${encode(name)}=${encode(query[name] ?? '')}`)
    .join('&');
  const canonicalRequest = [
    options.method,
    path,
    canonicalQuery,
    `host:${options.host}\n`,
    'host',
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${options.credentials.secretAccessKey}`, day), options.region), 's3'),
    'aws4_request',
  );
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return `https://${options.host}${path}?${canonicalQuery}&X-Amz-Signature=${signature}`;
}
