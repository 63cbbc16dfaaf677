// One problem with one environment variable, as every function's configuration schema reports it, so the
// local runtime can check the whole configuration before it listens (local/config-check.ts).
export interface ConfigIssue {
  variable: string;
  message: string;
}

interface SafeParseResult {
  success: boolean;
  error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } | undefined;
}

export function issuesOf(result: SafeParseResult): ConfigIssue[] {
  if (result.success) return [];
  return (result.error?.issues ?? []).map((issue) => ({
    variable: issue.path.map(String).join('.') || '(environment)',
    message: issue.message,
  }));
}

export function describeIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((issue) => `${issue.variable}: ${issue.message}`).join('; ');
}
