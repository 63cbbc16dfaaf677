// The bundles `cdk synth` writes: synthesises the hotline app into a cloud assembly (as `npx cdk synth` does,
// cdk-nag included) and finds each function's `index.mjs` through the template's asset key. The size test,
// the Node 22 parity test and `npm run bench` all measure these files, never a build of their own.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { HotlineFunction } from './constructs/hotline-function.js';
import { createHotlineApp } from './hotline-app.js';

export interface DeployedBundle {
  /** The entry file, relative to the repository root (`functions/sms.ts`). */
  entry: string;
  /** The function's short name: the entry file's name (`sms`). */
  name: string;
  /** The CloudFormation logical id of the function. */
  logicalId: string;
  /** The asset folder in the cloud assembly. */
  assetDir: string;
  /** `index.mjs` in that folder: what Lambda loads. */
  file: string;
  bytes: number;
}

/** Synthesises the app into `outdir` and lists the bundle of every hotline function in it. */
export function synthesizeBundles(outdir: string): DeployedBundle[] {
  const { app, stack } = createHotlineApp({ outdir });
  const assembly = app.synth();
  const template = assembly.getStackArtifact(stack.artifactId).template as {
    Resources: Record<string, { Properties?: { Code?: { S3Key?: unknown } } }>;
  };
  const functions = stack.node.findAll().filter((node) => node instanceof HotlineFunction);
  return functions.map((construct) => {
    const logicalId = stack.getLogicalId(construct.fn.node.defaultChild as CfnResource);
    const key = template.Resources[logicalId]?.Properties?.Code?.S3Key;
    const hash = typeof key === 'string' ? /^([0-9a-f]{64})\.zip$/.exec(key)?.[1] : undefined;
    if (!hash) throw new Error(`No asset key for ${logicalId} in the synthesised template`);
    const assetDir = join(assembly.directory, `asset.${hash}`);
    const file = join(assetDir, 'index.mjs');
    return {
      entry: construct.entry,
      name: construct.entry.replace(/^.*\//, '').replace(/\.ts$/, ''),
      logicalId,
      assetDir,
      file,
      bytes: statSync(file).size,
    };
  });
}

/** How many `\uXXXX` escapes of Cyrillic letters a bundle holds: 0 when its text is UTF-8 as intended. */
export function cyrillicEscapes(file: string): number {
  return (readFileSync(file, 'latin1').match(/\\u04[0-9a-fA-F]{2}/g) ?? []).length;
}
