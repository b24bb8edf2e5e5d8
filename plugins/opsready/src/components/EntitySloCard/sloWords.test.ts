import { pageAlert } from '../../__testUtils__/sloData';
import {
  availabilityObjective,
  budgetLabel,
  burnRateLabel,
  latencyObjective,
  percent,
  worstAlert,
} from './sloWords';

describe('SLO words', () => {
  it('writes objectives as people say them', () => {
    expect(availabilityObjective({ target: 0.999, windowDays: 28 })).toBe(
      '99.9 % available over 28 days',
    );
    expect(availabilityObjective({ target: 0.9995, windowDays: 7 })).toBe(
      '99.95 % available over 7 days',
    );
    expect(
      latencyObjective({ percentile: 95, thresholdMs: 200, windowDays: 28 }),
    ).toBe('p95 under 200 ms over 28 days');
  });

  it('keeps the decimals a percentage needs and no more', () => {
    expect(percent(0.33)).toBe('33 %');
    expect(percent(0.99933)).toBe('99.933 %');
    expect(percent(1)).toBe('100 %');
  });

  it('says a spent budget is exhausted and by how much', () => {
    expect(budgetLabel(0.33)).toBe('33 % of the error budget left');
    expect(budgetLabel(0)).toBe('Error budget exhausted');
    expect(budgetLabel(-0.35)).toBe('Error budget exhausted: 35 % over');
    expect(budgetLabel(-8.92545)).toBe('Error budget exhausted: 893 % over');
    expect(budgetLabel(-0.00125)).toBe('Error budget exhausted: 0.125 % over');
  });

  it('writes burn rates as multiples', () => {
    expect(burnRateLabel(16.24)).toBe('16.2×');
    expect(burnRateLabel(0.4)).toBe('0.4×');
    expect(burnRateLabel(1)).toBe('1×');
    expect(burnRateLabel(250.4)).toBe('250×');
  });

  it('puts a page before a ticket, whatever the burn rate', () => {
    const ticket = {
      ...pageAlert,
      severity: 'ticket' as const,
      burnRates: { long: 40, short: 41 },
    };
    expect(worstAlert([ticket, pageAlert])).toBe(pageAlert);
    expect(worstAlert([])).toBeUndefined();
  });
});
