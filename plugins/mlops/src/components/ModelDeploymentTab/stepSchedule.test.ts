import { exampleRollout } from '../../__testUtils__/exampleMlopsData';
import { durationText, stepSchedule } from './stepSchedule';

const MODEL = 'model:default/fraud-detector';
const START = Date.parse('2026-11-27T10:00:00.000Z');
const at = (seconds: number) => new Date(START + seconds * 1000).toISOString();
const look = (metric: string, seconds: number, stepIndex = 0) => ({
  type: 'measurement' as const,
  at: at(seconds),
  actor: 'mlops:rollout-engine',
  stepIndex,
  metric,
  phase: 'Successful' as const,
  value: 0.001,
});

const canary = () => {
  const rollout = exampleRollout('r1', { entityRef: MODEL, version: '6' });
  rollout.stepStartedAt = at(0);
  return rollout;
};

describe('stepSchedule', () => {
  it('decides a canary step once it is held and its measurements are taken, whichever is later', () => {
    // Step 1 is held 300 s; 3 measurements 120 s in and 60 s apart end at 240 s.
    expect(stepSchedule(canary())).toEqual({
      decision: 'go to step 2 (25%), if every measurement passes',
      decisionAt: START + 300_000,
      nextMeasurementAt: START + 120_000,
    });
    // Measurements came late (the first at 200 s): the last is due at 320 s, after the hold.
    const late = canary();
    late.events = [look('error-rate', 200), look('p99-latency', 130)];
    expect(stepSchedule(late)).toMatchObject({
      decisionAt: START + 320_000,
      nextMeasurementAt: START + 190_000,
    });
  });

  it('ignores measurements of earlier steps and finishes after the last step', () => {
    const last = canary();
    last.stepIndex = 2;
    last.events = [look('error-rate', 10, 1), look('p99-latency', 10, 1)];
    expect(stepSchedule(last)).toEqual({
      decision: "finish: move 'champion' to v6, if every measurement passes",
      // The last step holds 0 s: its three measurements decide (120 + 2 × 60 s).
      decisionAt: START + 240_000,
      nextMeasurementAt: START + 120_000,
    });
  });

  it('says why nothing counts down while paused or setting up, and nothing once ended', () => {
    const paused = canary();
    paused.state = 'Paused';
    expect(stepSchedule(paused)?.note).toMatch(/^Paused: nothing moves/);
    expect(stepSchedule(paused)?.decisionAt).toBeUndefined();
    const setUp = canary();
    setUp.stepStartedAt = undefined;
    expect(stepSchedule(setUp)?.note).toMatch(/^Setting up step 1/);
    const ended = canary();
    ended.state = 'Aborted';
    expect(stepSchedule(ended)).toBeUndefined();
  });

  it("counts to an A/B test's deadline and to green's readiness timeout", () => {
    const ab = exampleRollout('r2', {
      entityRef: MODEL,
      version: '6',
      strategy: 'abtest',
      abTest: { baselineRate: 0.1, minimumDetectableEffect: 0.02 },
    });
    ab.stepStartedAt = at(0);
    expect(stepSchedule(ab)?.decisionAt).toBe(
      START + ab.abTest!.maxDurationSeconds * 1000,
    );
    expect(stepSchedule(ab)?.decision).toMatch(/8,158 requests/);
    const green = exampleRollout('r3', {
      entityRef: MODEL,
      version: '6',
      strategy: 'bluegreen',
    });
    green.stepStartedAt = at(0);
    expect(stepSchedule(green)?.decisionAt).toBe(START + 600_000);
  });
});

describe('durationText', () => {
  it.each([
    [0, '0 s'],
    [45_000, '45 s'],
    [250_000, '4 min 10 s'],
    [600_000, '10 min'],
    [7_500_000, '2 h 5 min'],
    [277_200_000, '3 d 5 h'],
  ])('%d ms reads %s', (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });
});
