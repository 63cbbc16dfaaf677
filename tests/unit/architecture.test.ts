// The ports-and-adapters layering, read from the source files themselves: the domain, the ports and the use
// cases never reach an SDK or an adapter, so they run (and are tested) without AWS or Twilio.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The layers that must stay free of SDKs and adapters. */
const PURE_LAYERS = [
  'shared/ports',
  'shared/use-cases',
  'shared/callers',
  'shared/cases',
  'shared/conversation',
  'shared/deadlines',
  'shared/limits',
  'shared/messages',
  'shared/sms',
  'shared/volunteers',
  'shared/reminders',
] as const;

/**
 * Imports from a pure layer into shared/adapters/ that exist today, each with why it is tolerated for now.
 * `file -> imported file`, both relative to the repository root. Keep it exact: a new edge fails the test,
 * and an edge that is gone fails too, so the list only ever shrinks.
 */
const ALLOWED_ADAPTER_IMPORTS: ReadonlyMap<string, string> = new Map([
  [
    'shared/ports/usage.ts -> shared/adapters/dynamodb/keys.ts',
    'the usage port types its keys with the table key grammar (type-only: ItemKey)',
  ],
  [
    'shared/use-cases/answer-call.ts -> shared/adapters/dynamodb/keys.ts',
    'builds usage counter keys (usageKeys) from the table key grammar (pure, no SDK)',
  ],
  [
    'shared/limits/guard.ts -> shared/adapters/dynamodb/keys.ts',
    'builds usage counter keys (usageKeys) from the table key grammar (pure, no SDK)',
  ],
  [
    'shared/limits/pin-guard.ts -> shared/adapters/dynamodb/keys.ts',
    'builds the PIN attempt counter keys (usageKeys) from the table key grammar',
  ],
  [
    'shared/reminders/reminder-item.ts -> shared/adapters/dynamodb/keys.ts',
    'a reminder item is written with its table and due-index keys (callerKeys, dueIndexKeys)',
  ],
  [
    'shared/reminders/sweep.ts -> shared/adapters/dynamodb/keys.ts',
    'a deferred reminder gets its new due-index partition (dueIndexKeys)',
  ],
]);

/**
 * Imports from a pure layer into another local module that loads an SDK at run time (found by following
 * the imports), each with its reason. Same rules as above: exact, and only ever shrinking.
 */
const ALLOWED_INDIRECT_SDK_IMPORTS: ReadonlyMap<string, string> = new Map([
  [
    'shared/use-cases/answer-call.ts -> shared/voice/ivr-twiml.ts',
    'rejectTwiml renders TwiML through shared/adapters/twilio/twiml.ts, which loads the twilio package',
  ],
  [
    'shared/use-cases/volunteer-call.ts -> shared/voice/volunteer-twiml.ts',
    'the volunteer call renders TwiML through shared/adapters/twilio/twiml.ts, which loads twilio',
  ],
]);

/** Packages that are an SDK or a provider's client: only adapters, edge and functions load them. */
const isSdkPackage = (specifier: string) =>
  specifier.startsWith('@aws-sdk/') || specifier === 'twilio' || specifier.startsWith('twilio/');

/** Where type-only SDK shapes come from as well (Lambda event types, middleware). */
const isSdkOrRuntimeTypes = (specifier: string) =>
  isSdkPackage(specifier) || specifier === 'aws-lambda' || specifier.startsWith('@middy/');

interface ImportEdge {
  specifier: string;
  /** The imported file relative to the root, for a relative import. */
  target?: string | undefined;
  /** Nothing of it is loaded at run time (`import type`, or only type specifiers). */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  const absolute = join(ROOT, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute).flatMap((name) => {
    const path = join(absolute, name);
    if (statSync(path).isDirectory()) return sourceFiles(join(dir, name));
    return /\.(ts|mts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [join(dir, name)] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
}

/** The source file an import names: `./x.js` is `x.ts`, a folder is its `index.ts`. */
function resolveRelative(from: string, specifier: string): string {
  const base = normalize(join(dirname(from), specifier));
  const candidates = [base.replace(/\.(m?js)$/, '.ts'), `${base}.ts`, join(base, 'index.ts'), base];
  return candidates.find((candidate) => existsSync(join(ROOT, candidate))) ?? base;
}

const importCache = new Map<string, ImportEdge[]>();

/** Every import of a file: static, re-exports and `import()`. */
function importsOf(file: string): ImportEdge[] {
  const cached = importCache.get(file);
  if (cached) return cached;
  const edges: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean) =>
    edges.push({
      specifier,
      typeOnly,
      target: specifier.startsWith('.') ? resolveRelative(file, specifier) : undefined,
    });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const onlyTypeSpecifiers =
        clause !== undefined &&
        clause.name === undefined &&
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((element) => element.isTypeOnly);
      add(node.moduleSpecifier.text, clause?.isTypeOnly === true || onlyTypeSpecifiers);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const onlyTypeSpecifiers =
        node.exportClause !== undefined &&
        ts.isNamedExports(node.exportClause) &&
        node.exportClause.elements.length > 0 &&
        node.exportClause.elements.every((element) => element.isTypeOnly);
      add(node.moduleSpecifier.text, node.isTypeOnly || onlyTypeSpecifiers);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) add(literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  importCache.set(file, edges);
  return edges;
}

const PURE_FILES = PURE_LAYERS.flatMap((layer) => sourceFiles(layer));

const edgeName = (file: string, target: string) => `${file} -> ${target}`;

/** Every import from a pure layer into an adapter or an SDK package, by name. */
function layeringViolations(): string[] {
  return PURE_FILES.flatMap((file) =>
    importsOf(file).flatMap((edge) => {
      if (isSdkPackage(edge.specifier)) return [edgeName(file, edge.specifier)];
      if (edge.target?.startsWith('shared/adapters/')) return [edgeName(file, edge.target)];
      return [];
    }),
  );
}

describe('architecture', () => {
  it('finds the source files of every pure layer', () => {
    for (const layer of PURE_LAYERS) expect(sourceFiles(layer).length, layer).toBeGreaterThan(0);
  });

  it('finds imports, type-only imports and re-exports in a known file', () => {
    // Guards the parser below: deliveries.ts imports types and a function.
    const edges = importsOf('shared/use-cases/deliveries.ts');
    expect(edges).toContainEqual({
      specifier: '../conversation/choices.js',
      target: 'shared/conversation/choices.ts',
      typeOnly: false,
    });
    expect(edges).toContainEqual({
      specifier: '../ports/outbox.js',
      target: 'shared/ports/outbox.ts',
      typeOnly: true,
    });
  });

  it('keeps the ports, domain and use cases free of @aws-sdk, twilio and shared/adapters imports', () => {
    const unexpected = layeringViolations().filter((edge) => !ALLOWED_ADAPTER_IMPORTS.has(edge));
    expect(unexpected).toEqual([]);
  });

  it('lists only adapter imports that still exist in the allow-list', () => {
    const current = new Set(layeringViolations());
    const stale = [...ALLOWED_ADAPTER_IMPORTS.keys()].filter((edge) => !current.has(edge));
    expect(stale).toEqual([]);
  });

  it('loads no @aws-sdk or twilio package from the pure layers at run time, even through other modules', () => {
    // Follows the imports that load code (not `import type`) through every local module, stopping only at
    // the allow-listed imports.
    const reached: string[] = [];
    for (const start of PURE_FILES) {
      const seen = new Set<string>();
      const stack: { file: string; path: string[] }[] = [{ file: start, path: [start] }];
      while (stack.length > 0) {
        const { file, path } = stack.pop()!;
        if (seen.has(file)) continue;
        seen.add(file);
        for (const edge of importsOf(file)) {
          if (edge.typeOnly) continue;
          if (isSdkPackage(edge.specifier)) reached.push([...path, edge.specifier].join(' -> '));
          const target = edge.target;
          if (!target || !existsSync(join(ROOT, target))) continue;
          const name = edgeName(file, target);
          if (ALLOWED_ADAPTER_IMPORTS.has(name) || ALLOWED_INDIRECT_SDK_IMPORTS.has(name)) continue;
          stack.push({ file: target, path: [...path, target] });
        }
      }
    }
    expect([...new Set(reached)]).toEqual([]);
  });

  it('lists only indirect SDK imports that still exist in the allow-list', () => {
    const stale = [...ALLOWED_INDIRECT_SDK_IMPORTS.keys()].filter((name) => {
      const [file = '', target] = name.split(' -> ');
      return !importsOf(file).some((edge) => !edge.typeOnly && edge.target === target);
    });
    expect(stale).toEqual([]);
  });

  it('keeps the ports free of DynamoDB classes and SDK types', () => {
    const offending = sourceFiles('shared/ports').flatMap((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const classes = /\bclass\s+Dynamo\w*/.test(text) ? [`${file}: class Dynamo…`] : [];
      const sdkImports = importsOf(file)
        .filter((edge) => isSdkOrRuntimeTypes(edge.specifier))
        .map((edge) => `${file}: ${edge.specifier}`);
      return [...classes, ...sdkImports];
    });
    expect(offending).toEqual([]);
  });

  it('exports a Lambda handler only from functions/*.ts', () => {
    const exportsHandler = (file: string): boolean => {
      const source = parse(file);
      const exported = (node: ts.Node) =>
        ts.canHaveModifiers(node) &&
        (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
      return source.statements.some((statement) => {
        if (ts.isFunctionDeclaration(statement))
          return exported(statement) && statement.name?.text === 'handler';
        if (ts.isVariableStatement(statement)) {
          return (
            exported(statement) &&
            statement.declarationList.declarations.some(
              (declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === 'handler',
            )
          );
        }
        if (
          ts.isExportDeclaration(statement) &&
          statement.exportClause &&
          ts.isNamedExports(statement.exportClause)
        ) {
          return statement.exportClause.elements.some((element) => element.name.text === 'handler');
        }
        return false;
      });
    };
    const scanned = ['shared', 'functions', 'local', 'scripts', 'infra', 'bench'].flatMap((dir) =>
      sourceFiles(dir),
    );
    const exporting = scanned.filter(exportsHandler);
    const isEntry = (file: string) => dirname(file) === 'functions';

    expect(exporting.filter((file) => !isEntry(file))).toEqual([]);
    // The check sees the handlers that do exist.
    expect(exporting.filter(isEntry).length).toBeGreaterThan(0);
  });
});
