import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isLoopbackRequest } from '../../../local/loopback.js';

const request = (remoteAddress: string, headers: Record<string, string>) =>
  ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

describe('what counts as a request made on this machine', () => {
  it('takes 127.0.0.1, localhost and [::1] with any port as loopback hosts, and nothing else', () => {
    for (const host of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000', '127.0.0.2', 'LOCALHOST']) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    for (const host of [
      'abc.ngrok.app',
      'hotline.example.org:443',
      '10.0.0.5:3000',
      '127.0.0.1.nip.io',
      '',
    ]) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });

  it('accepts a direct request from loopback to a loopback host', () => {
    expect(isLoopbackRequest(request('127.0.0.1', { host: '127.0.0.1:3000' }))).toBe(true);
    expect(isLoopbackRequest(request('::ffff:127.0.0.1', { host: 'localhost:3000' }))).toBe(true);
  });

  it('refuses what a tunnel forwards: its public Host, or any forwarding header', () => {
    expect(isLoopbackRequest(request('127.0.0.1', { host: 'abc.ngrok.app' }))).toBe(false);
    for (const header of ['x-forwarded-for', 'x-forwarded-host', 'forwarded', 'cf-connecting-ip', 'via']) {
      expect(isLoopbackRequest(request('127.0.0.1', { host: '127.0.0.1:3000', [header]: '1.2.3.4' }))).toBe(
        false,
      );
    }
  });

  it('refuses another address, and a page of another site posting through the browser', () => {
    expect(isLoopbackRequest(request('192.168.1.20', { host: '127.0.0.1:3000' }))).toBe(false);
    expect(
      isLoopbackRequest(request('127.0.0.1', { host: '127.0.0.1:3000', origin: 'https://evil.example' })),
    ).toBe(false);
    expect(
      isLoopbackRequest(request('127.0.0.1', { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' })),
    ).toBe(true);
  });
});
