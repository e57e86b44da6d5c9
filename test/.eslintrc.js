module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // test/install is a separate app with its own package.json and dependencies (scripts/install-test.sh installs
  // and type-checks it), not part of this workspace.
  ignorePatterns: ['install/'],
});
