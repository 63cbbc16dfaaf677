// Deployed bundles only: esbuild aliases `@aws-sdk/credential-provider-node` to this module (BUNDLING in
// infra/constructs/hotline-function.ts). Lambda hands a function its role's credentials in environment
// variables, which is where the SDK's default chain looks first; the rest of that chain (profiles, SSO,
// web identity, with their nested STS and SSO clients) is never reached there and would add ~90 KB to
// every cold start. Locally, in tests and in scripts the SDK's own chain runs.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
