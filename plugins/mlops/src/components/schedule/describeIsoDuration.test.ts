import { describeIsoDuration } from './describeIsoDuration';

describe('describeIsoDuration', () => {
  it.each([
    ['PT6H', '6 hours'],
    ['PT1H', '1 hour'],
    ['P2D', '2 days'],
    ['P7D', '7 days'],
    ['P1W', '1 week'],
    ['P1DT12H', '1 day 12 hours'],
    ['PT90M', '90 minutes'],
    ['PT1.5S', '1.5 seconds'],
    ['P1Y2M', '1 year 2 months'],
    ['PT0S', '0 seconds'],
    ['pt30m', '30 minutes'],
  ])('%s is %s', (iso, words) => {
    expect(describeIsoDuration(iso)).toBe(words);
  });

  it.each(['6h', 'P', 'PT', 'P1DT', '3600s', ''])(
    'returns %p unchanged when it is not an ISO 8601 duration',
    value => {
      expect(describeIsoDuration(value)).toBe(value);
    },
  );
});
