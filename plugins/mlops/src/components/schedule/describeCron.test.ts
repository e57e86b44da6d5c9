import { describeCron } from './describeCron';

describe('describeCron', () => {
  it.each([
    // The catalog's 5-field form and Kubeflow's 6-field form of one schedule read the same.
    ['0 3 * * *', 'daily at 03:00 UTC'],
    ['0 0 3 * * *', 'daily at 03:00 UTC'],
    ['30 0 3 * * *', 'daily at 03:00:30 UTC'],
    ['15 22 * * *', 'daily at 22:15 UTC'],
    ['0 5 * * 1', 'every Monday at 05:00 UTC'],
    ['0 0 5 * * 1', 'every Monday at 05:00 UTC'],
    ['0 5 * * MON,FRI', 'every Monday and Friday at 05:00 UTC'],
    ['0 6 * * 0', 'every Sunday at 06:00 UTC'],
    ['0 6 * * 7', 'every Sunday at 06:00 UTC'],
    ['0 6 * * 1-5', 'weekdays at 06:00 UTC'],
    ['0 6 * * 6-0', 'every Saturday to Sunday at 06:00 UTC'],
    ['0 2 1 * *', 'monthly on day 1 at 02:00 UTC'],
    ['0 0 2 1 JAN *', 'yearly on January 1 at 02:00 UTC'],
    ['0 * * * *', 'hourly, on the hour'],
    ['0 0 * * * *', 'hourly, on the hour'],
    ['15 * * * *', 'hourly at minute 15'],
    ['*/15 * * * *', 'every 15 minutes'],
    ['0 */10 * * * *', 'every 10 minutes'],
    ['* * * * *', 'every minute'],
    ['@daily', 'daily at 00:00 UTC'],
    ['@hourly', 'hourly, on the hour'],
    ['@weekly', 'every Sunday at 00:00 UTC'],
    ['@every 6h', 'every 6h'],
  ])('%s is %s', (cron, words) => {
    expect(describeCron(cron)).toBe(words);
  });

  it.each([
    ['0 */2 * * *', 'cron 0 */2 * * * (UTC)'],
    ['0 3,15 * * *', 'cron 0 3,15 * * * (UTC)'],
    ['0 3 1 * 1', 'cron 0 3 1 * 1 (UTC)'],
    ['0 25 * * *', 'cron 0 25 * * * (UTC)'],
    ['not a schedule', 'cron not a schedule'],
  ])('keeps %s as written when it has no plain words', (cron, words) => {
    expect(describeCron(cron)).toBe(words);
  });
});
