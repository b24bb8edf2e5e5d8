import { ConfigReader } from '@backstage/config';
import { readSloConfig } from './readSloConfig';

describe('readSloConfig', () => {
  it('opens burn-rate errors in production unless told another environment', () => {
    expect(readSloConfig(new ConfigReader({}))).toEqual({
      environment: 'production',
    });
    expect(
      readSloConfig(
        new ConfigReader({ opsready: { slo: { environment: ' prod-eu ' } } }),
      ),
    ).toEqual({ environment: 'prod-eu' });
  });

  it('stops start-up on a blank environment, naming the key', () => {
    expect(() =>
      readSloConfig(
        new ConfigReader({ opsready: { slo: { environment: '  ' } } }),
      ),
    ).toThrow('opsready.slo.environment must name an environment');
  });
});
