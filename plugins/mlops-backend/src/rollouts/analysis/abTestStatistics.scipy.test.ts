import { execFileSync } from 'node:child_process';
import {
  normalCdf,
  normalQuantile,
} from '../../shared/statistics/specialFunctions';
import { requiredSampleSize, twoProportionZTest } from './abTestStatistics';

/*
 * The A/B statistics against SciPy (the python3 on PATH, or Debian's python3-scipy named in MLOPS_PYTHON by
 * scripts/test.sh): the normal CDF and quantile themselves, then the z-test, p-value, interval, Cohen's h and
 * sample size written out in their closed forms over scipy.stats.norm. (statsmodels' proportions_ztest and
 * NormalIndPower are the same formulas; it is not in Debian's minimal Python, so the closed forms stand in.)
 */
const SCIPY = `
import json, sys
import numpy as np
from scipy.stats import norm

data = json.load(sys.stdin)
out = {"cdf": [float(norm.cdf(z)) for z in data["zs"]],
       "ppf": [float(norm.ppf(p)) for p in data["ps"]],
       "tests": [], "sizes": []}
for c in data["tests"]:
    pa, pb = c["successesA"] / c["trialsA"], c["successesB"] / c["trialsB"]
    pool = (c["successesA"] + c["successesB"]) / (c["trialsA"] + c["trialsB"])
    se0 = np.sqrt(pool * (1 - pool) * (1 / c["trialsA"] + 1 / c["trialsB"]))
    z = (pb - pa) / se0
    se = np.sqrt(pa * (1 - pa) / c["trialsA"] + pb * (1 - pb) / c["trialsB"])
    m = norm.ppf(1 - c["alpha"] / 2) * se
    out["tests"].append({"z": float(z), "p": float(2 * norm.sf(abs(z))),
                         "lo": float(pb - pa - m), "hi": float(pb - pa + m),
                         "h": float(2 * np.arcsin(np.sqrt(pb)) - 2 * np.arcsin(np.sqrt(pa)))})
for s in data["sizes"]:
    p1, d, a, pw = s["baselineRate"], s["minimumDetectableEffect"], s["alpha"], s["power"]
    p2 = p1 + d
    pm = (p1 + p2) / 2
    n = (norm.ppf(1 - a / 2) * np.sqrt(2 * pm * (1 - pm)) + norm.ppf(pw) * np.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / d ** 2
    out["sizes"].append(float(n))
print(json.dumps(out))
`;

const zs = [-8, -5, -3.2, -1.96, -1, -0.1, 0, 0.3, 1.2815515655446004, 2.5, 6];
const ps = [
  1e-10,
  1e-6,
  0.001,
  0.01,
  0.02425,
  0.05,
  0.2,
  0.5,
  0.8,
  0.975,
  0.999,
  1 - 1e-9,
];
const tests = [
  {
    successesA: 480,
    trialsA: 10000,
    successesB: 560,
    trialsB: 10000,
    alpha: 0.05,
  },
  {
    successesA: 1200,
    trialsA: 24000,
    successesB: 1230,
    trialsB: 23800,
    alpha: 0.05,
  },
  { successesA: 93, trialsA: 1000, successesB: 71, trialsB: 1100, alpha: 0.01 },
  {
    successesA: 9990,
    trialsA: 10000,
    successesB: 9999,
    trialsB: 10000,
    alpha: 0.1,
  },
];
const sizes = [
  { baselineRate: 0.1, minimumDetectableEffect: 0.02, alpha: 0.05, power: 0.8 },
  {
    baselineRate: 0.05,
    minimumDetectableEffect: 0.005,
    alpha: 0.05,
    power: 0.9,
  },
  {
    baselineRate: 0.6,
    minimumDetectableEffect: -0.05,
    alpha: 0.01,
    power: 0.8,
  },
  {
    baselineRate: 0.97,
    minimumDetectableEffect: 0.01,
    alpha: 0.05,
    power: 0.95,
  },
];

describe('A/B statistics against SciPy', () => {
  const reference = JSON.parse(
    execFileSync(process.env.MLOPS_PYTHON ?? 'python3', ['-c', SCIPY], {
      input: JSON.stringify({ zs, ps, tests, sizes }),
      encoding: 'utf8',
    }),
  );

  it('computes the normal CDF and quantile as scipy.stats.norm does', () => {
    zs.forEach((z, i) => {
      const expected = reference.cdf[i];
      expect(Math.abs(normalCdf(z) - expected)).toBeLessThan(
        1e-14 + 1e-12 * expected,
      );
    });
    ps.forEach((p, i) =>
      expect(normalQuantile(p)).toBeCloseTo(reference.ppf[i], 9),
    );
  });

  it('matches the two-proportion z-test, interval and Cohen’s h', () => {
    tests.forEach(({ alpha, ...counts }, i) => {
      const ours = twoProportionZTest(counts, alpha);
      const theirs = reference.tests[i];
      expect(ours.z).toBeCloseTo(theirs.z, 10);
      expect(ours.pValue).toBeCloseTo(theirs.p, 12);
      expect(ours.confidenceInterval[0]).toBeCloseTo(theirs.lo, 12);
      expect(ours.confidenceInterval[1]).toBeCloseTo(theirs.hi, 12);
      expect(ours.cohensH).toBeCloseTo(theirs.h, 12);
    });
  });

  it('plans the sample size as the closed form does, rounded up', () => {
    sizes.forEach((plan, i) => {
      expect(requiredSampleSize(plan)).toBe(Math.ceil(reference.sizes[i]));
    });
  });
});
