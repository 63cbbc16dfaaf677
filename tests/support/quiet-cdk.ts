// Vitest setup file: CDK writes "Bundling asset <path>..." to stderr each time a test synthesises the stack
// (esbuild itself is told to say nothing but errors). A passing run prints no such lines; errors still show.
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  if (typeof chunk === 'string' && /^Bundling asset \S+\.\.\.\n$/.test(chunk)) return true;
  return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stderr.write;
