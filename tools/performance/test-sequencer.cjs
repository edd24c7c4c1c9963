// The order jest starts test files in, when it has no timings of its own: a clean clone, as in CI, and a user's
// first `npm test`. jest then orders by file size, which puts the one-line type-check file and the short docs file
// last, so each ran alone at the end while the other core idled (simulated on one run's file times: 100.4 s by
// size, 95.9 s by the order below, 95.8 s for the ideal longest-first). With timings (every later run), jest's
// own longest-first order stands.
const Sequencer = require("@jest/test-sequencer").default;

/** Layers by what one of their files costs (2026-12-03, one warm run): most first. */
const HEAVIEST_FILES_FIRST = ["docs", "type-check", "terraform", "end to end", "synth", "unit"];

function layerOf(test) {
  return test.context.config.displayName?.name;
}

class LayerAwareSequencer extends Sequencer {
  sort(tests) {
    if (tests.some((test) => this.time(test) !== undefined || this.hasFailed(test))) return super.sort(tests);
    const rank = (test) => {
      const index = HEAVIEST_FILES_FIRST.indexOf(layerOf(test));
      return index === -1 ? HEAVIEST_FILES_FIRST.length : index;
    };
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    return [...tests].sort((a, b) => rank(a) - rank(b) || size(b) - size(a));
  }
}

module.exports = LayerAwareSequencer;
module.exports.HEAVIEST_FILES_FIRST = HEAVIEST_FILES_FIRST;
