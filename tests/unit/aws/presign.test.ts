import { describe, expect, it } from 'vitest';
import { presignS3Url } from '../../../shared/adapters/aws/presign.js';

describe('presignS3Url', () => {
  it('signs the presigned GET of the S3 documentation’s example exactly as AWS does', () => {
    // "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", the worked example:
    // GET examplebucket/test.txt on 24 May 2013, valid 86400 s, with the documentation's example keys.
    const url = presignS3Url({
      method: 'GET',
      host: 'examplebucket.s3.amazonaws.com',
      key: 'test.txt',
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
      now: new Date('2013-05-24T00:00:00Z'),
      expiresSeconds: 86400,
    });

    expect(url).toBe(
      'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
  });

  it('signs the session token of a Lambda role into the URL', () => {
    const url = new URL(
      presignS3Url({
        method: 'PUT',
        host: 'prompts.s3.eu-central-1.amazonaws.com',
        key: 'recorded/ky/greeting-abc.wav',
        region: 'eu-central-1',
        credentials: {
          accessKeyId: 'ASIAEXAMPLE',
          secretAccessKey: 'secret',
          sessionToken: 'token/with+chars',
        },
        now: new Date('2026-12-01T12:00:00Z'),
        expiresSeconds: 300,
      }),
    );
    expect(url.pathname).toBe('/recorded/ky/greeting-abc.wav');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('token/with+chars');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});
