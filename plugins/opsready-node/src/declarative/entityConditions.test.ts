import { serviceComponent } from '../checks/testFacts';
import { judge } from './testing';

describe('entity and annotation conditions', () => {
  const entity = serviceComponent({
    metadata: {
      annotations: { 'pagerduty.com/service-id': 'P123' },
      tags: ['java', 'payments'],
    },
  });

  it('passes when a dotted path has the value, and shows what it found', () => {
    const outcome = judge(
      { entity: { path: 'spec.lifecycle', equals: 'production' } },
      { entity },
    );
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toEqual({
      condition: 'entity spec.lifecycle equals "production"',
      observed: [
        {
          condition: 'entity spec.lifecycle equals "production"',
          status: 'pass',
          path: 'spec.lifecycle',
          found: 'production',
        },
      ],
    });
  });

  it('fails when the value differs or the path is missing', () => {
    expect(
      judge(
        { entity: { path: 'spec.lifecycle', equals: 'experimental' } },
        { entity },
      ).status,
    ).toBe('fail');
    const missing = judge({ entity: { path: 'spec.system' } }, { entity });
    expect(missing.status).toBe('fail');
    expect(missing.message).toBe('Not met: entity spec.system exists.');
    expect((missing.evidence as any).observed[0].found).toBeNull();
  });

  it('reads quoted keys, list items and every item with [*]', () => {
    expect(
      judge(
        {
          entity: {
            path: 'metadata.annotations["pagerduty.com/service-id"]',
            matches: '^P\\d+$',
          },
        },
        { entity },
      ).status,
    ).toBe('pass');
    expect(
      judge(
        { entity: { path: 'metadata.tags[1]', equals: 'payments' } },
        { entity },
      ).status,
    ).toBe('pass');
    expect(
      judge(
        { entity: { path: 'metadata.tags[*]', matches: '^[a-z]+$' } },
        { entity },
      ).status,
    ).toBe('pass');
    expect(
      judge(
        { entity: { path: 'metadata.tags[*]', equals: 'java' } },
        { entity },
      ).status,
    ).toBe('fail');
  });

  it('passes exists: false only when the path holds nothing', () => {
    expect(
      judge({ entity: { path: 'spec.system', exists: false } }, { entity })
        .status,
    ).toBe('pass');
    expect(
      judge({ entity: { path: 'spec.owner', exists: false } }, { entity })
        .status,
    ).toBe('fail');
  });

  it('judges annotations by their full name', () => {
    const outcome = judge(
      { annotation: { name: 'pagerduty.com/service-id', matches: '^P' } },
      { entity },
    );
    expect(outcome.status).toBe('pass');
    expect((outcome.evidence as any).observed[0]).toMatchObject({
      annotation: 'pagerduty.com/service-id',
      found: 'P123',
    });
    expect(
      judge({ annotation: { name: 'opsready.io/health-url' } }, { entity })
        .status,
    ).toBe('fail');
  });
});
