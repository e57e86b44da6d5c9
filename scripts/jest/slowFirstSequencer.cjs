/*
 * Jest's order for a clean clone. Jest runs the files it has timings for longest first, but CI starts from a clean
 * clone with no cache, where jest falls back to file size: a two-minute file that is small (the ML service
 * template's, which trains models in Python) may start last and run alone while the other workers idle.
 * slowTestFiles.json holds the seconds the slow files took in CI (from its PASS lines; refresh it when the suite
 * changes much): those start first, longest first, then the rest in jest's own order.
 */
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const slow = require('./slowTestFiles.json');

const root = path.resolve(__dirname, '..', '..');

class SlowFirstSequencer extends Sequencer {
  async sort(tests) {
    const seconds = test => slow[path.relative(root, test.path)] ?? 0;
    const jestOrder = await super.sort(tests);
    const order = new Map(jestOrder.map((test, index) => [test, index]));
    return [...jestOrder].sort(
      (a, b) => seconds(b) - seconds(a) || order.get(a) - order.get(b),
    );
  }
}

module.exports = SlowFirstSequencer;
