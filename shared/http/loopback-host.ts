// Whether a Host header (or an Origin's host) names this machine: 127.x.x.x, [::1] or localhost, any
// port. The local runtime keeps /_local/* to such requests; the console serves its cookie without
// `Secure` only to them (a loopback run has no TLS).

export function isLoopbackAddress(address: string): boolean {
  const plain = address.replace(/^::ffff:/i, '');
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

export function isLoopbackHost(host: string): boolean {
  const name = /^\[([^\]]+)\](?::\d+)?$/.exec(host)?.[1] ?? host.replace(/:\d+$/, '');
  return name.toLowerCase() === 'localhost' || isLoopbackAddress(name);
}
