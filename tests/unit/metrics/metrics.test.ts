import { describe, expect, it } from 'vitest';
import { metricFields, WEBHOOK_METRICS_NAMESPACE } from '../../../shared/metrics.js';

describe('webhook metrics as EMF fields', () => {
  it('declares each metric under the namespace, by the given dimension and in total', () => {
    const fields = metricFields(
      { Messages: 1, TextsToVolunteers: 2 },
      { Intent: 'case_opened' },
      new Date(1_000),
    );

    expect(fields).toEqual({
      _aws: {
        Timestamp: 1_000,
        CloudWatchMetrics: [
          {
            Namespace: WEBHOOK_METRICS_NAMESPACE,
            Dimensions: [['Intent'], []],
            Metrics: [
              { Name: 'Messages', Unit: 'Count' },
              { Name: 'TextsToVolunteers', Unit: 'Count' },
            ],
          },
        ],
      },
      Intent: 'case_opened',
      Messages: 1,
      TextsToVolunteers: 2,
    });
  });

  it('counts in total only when there is no dimension', () => {
    const fields = metricFields({ CasesTaken: 1 });

    expect(
      (fields._aws as { CloudWatchMetrics: { Dimensions: string[][] }[] }).CloudWatchMetrics[0]?.Dimensions,
    ).toEqual([[]]);
  });
});
