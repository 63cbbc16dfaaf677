// Lets a function send SMS through SNS and nothing else: the same grant the reminder sweep holds.
import { Aws, Validations } from 'aws-cdk-lib';
import { Effect, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

export function allowSmsPublish(scope: Construct, id: string, fn: IFunction): Policy {
  // Publishing to a phone number has no resource ARN, so IAM requires Resource "*" for it. The Deny
  // takes back every ARN SNS has (topics, platform endpoints): what is left is SMS to phone numbers.
  const policy = new Policy(scope, id, {
    statements: [
      new PolicyStatement({ sid: 'PublishSmsToPhoneNumbers', actions: ['sns:Publish'], resources: ['*'] }),
      new PolicyStatement({
        sid: 'NoTopicsOrEndpoints',
        effect: Effect.DENY,
        actions: ['sns:Publish'],
        resources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
      }),
    ],
  });
  if (fn.role) policy.attachToRole(fn.role);
  Validations.of(policy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'SNS Publish to a phone number has no resource ARN, so IAM needs Resource "*"; the Deny statement beside it excludes every topic and endpoint ARN, leaving SMS only.',
  });
  return policy;
}
