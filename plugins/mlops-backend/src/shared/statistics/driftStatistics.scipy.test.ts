import { execFileSync } from 'node:child_process';
import {
  binnedStd,
  chiSquareTest,
  jensenShannonDistance,
  normedWasserstein,
  psi,
  wasserstein1,
} from './driftStatistics';

/*
 * The drift statistics against SciPy (the python3 on PATH, or Debian's python3-scipy that scripts/test.sh
 * installs and names in MLOPS_PYTHON when that one has none) on
 * generated histograms: normal samples with and without a shift, empty bins, many bins, categorical counts.
 * PSI's zero fill is Evidently's rule written out in numpy from its documented behaviour (each distribution
 * filled from its own smallest share), not a copy of ours; driftStatistics.test.ts has hand-worked figures.
 */
const SCIPY = `
import json, sys
import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.special import rel_entr
from scipy.stats import chisquare, wasserstein_distance

def evidently_fill(shares):
    # Evidently's get_binned_data: a distribution's empty bins get 0.0001, or its OWN smallest non-zero share
    # / 10**6 when that share is <= 0.0001 (np.place on reference and current separately).
    shares = shares.copy()
    smallest = shares[shares != 0].min()
    np.place(shares, shares == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return shares

out = []
for case in json.load(sys.stdin):
    r = np.array(case["reference"], dtype=float)
    c = np.array(case["current"], dtype=float)
    mid = np.array(case["midpoints"], dtype=float)
    rp, cp = r / r.sum(), c / c.sum()
    rf, cf = evidently_fill(rp), evidently_fill(cp)
    psi = float(np.sum(rel_entr(rf, cf) + rel_entr(cf, rf)))
    w1 = float(wasserstein_distance(mid, mid, r, c))
    std = float(np.sqrt(np.cov(mid, aweights=r, ddof=0)))
    entry = {"psi": psi, "js": float(jensenshannon(r, c)), "w1": w1, "std": std}
    if (r > 0).all():
        stat, p = chisquare(c, r / r.sum() * c.sum())
        entry["chi2"] = float(stat)
        entry["p"] = float(p)
    out.append(entry)
print(json.dumps(out))
`;

/** Deterministic normal samples (Box–Muller over a small LCG), binned into `bins` equal bins over [lo, hi]. */
function histogram(
  seed: number,
  n: number,
  mean: number,
  sd: number,
  bins: number,
  lo = -4,
  hi = 6,
): number[] {
  let state = seed;
  const uniform = () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return (state + 0.5) / 2 ** 32;
  };
  const counts = new Array(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const z =
      Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const x = mean + sd * z;
    const bin = Math.min(
      bins - 1,
      Math.max(0, Math.floor(((x - lo) / (hi - lo)) * bins)),
    );
    counts[bin] += 1;
  }
  return counts;
}

const midpointsOf = (bins: number, lo = -4, hi = 6) =>
  Array.from({ length: bins }, (_, i) => lo + ((i + 0.5) * (hi - lo)) / bins);

const cases = [
  {
    name: 'no shift, 10 bins',
    reference: histogram(1, 5000, 0, 1, 10),
    current: histogram(2, 3000, 0, 1, 10),
    midpoints: midpointsOf(10),
  },
  {
    name: 'mean shifted by 0.5 σ, 20 bins',
    reference: histogram(3, 5000, 0, 1, 20),
    current: histogram(4, 5000, 0.5, 1, 20),
    midpoints: midpointsOf(20),
  },
  {
    name: 'wider and shifted, 50 bins with empty tails',
    reference: histogram(5, 2000, 0, 0.5, 50),
    current: histogram(6, 2000, 1.5, 1.5, 50),
    midpoints: midpointsOf(50),
  },
  {
    name: 'small shift, 8 bins with the tails folded into the edge bins',
    reference: histogram(7, 20000, 0, 1, 8, -2, 2),
    current: histogram(8, 20000, 0.2, 1, 8, -2, 2),
    midpoints: midpointsOf(8, -2, 2),
  },
  {
    // The reference's rare bin (1 in 20 000 = 0.00005 ≤ 0.0001) sets its own fill to 0.00005 / 10⁶; the
    // current one's smallest share is 0.05, so its empty bin gets 0.0001: one fill for both would differ.
    name: 'a rare bin in the reference, an empty bin in each distribution',
    reference: [1, 4999, 10000, 5000, 0],
    current: [0, 300, 500, 150, 50],
    midpoints: [0, 1, 2, 3, 4],
  },
  {
    name: 'categorical counts',
    reference: [500, 300, 150, 50],
    current: [420, 310, 190, 80],
    midpoints: [0, 1, 2, 3],
  },
];

function scipy(): any[] {
  try {
    return JSON.parse(
      execFileSync(process.env.MLOPS_PYTHON ?? 'python3', ['-c', SCIPY], {
        input: JSON.stringify(cases),
        encoding: 'utf8',
      }),
    );
  } catch (error) {
    throw new Error(
      `python3 with SciPy is needed (apt-get install python3-scipy; scripts/test.sh does): ${error}`,
    );
  }
}

describe('drift statistics against SciPy', () => {
  const expected = scipy();

  it.each(cases.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = cases[i];
    const want = expected[i];
    const close = (actual: number, reference: number) =>
      expect(Math.abs(actual - reference)).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(reference)),
      );
    close(psi(c.reference, c.current), want.psi);
    close(jensenShannonDistance(c.reference, c.current), want.js);
    close(wasserstein1(c.reference, c.current, c.midpoints), want.w1);
    close(binnedStd(c.reference, c.midpoints), want.std);
    close(
      normedWasserstein(c.reference, c.current, c.midpoints),
      want.w1 / Math.max(want.std, 0.001),
    );
    if (want.chi2 !== undefined) {
      const chi = chiSquareTest(c.reference, c.current);
      close(chi.statistic, want.chi2);
      close(chi.pValue, want.p);
    }
  });

  it('checks the chi-square test where SciPy could run it', () => {
    expect(
      expected.filter(e => e.chi2 !== undefined).length,
    ).toBeGreaterThanOrEqual(2);
  });
});
