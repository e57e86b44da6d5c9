import '@testing-library/jest-dom';

// Rendering a tab's first test warms up MUI and jsdom; beside the backend's Prometheus and PostgreSQL suites on
// two cores that can take more than jest's 5 s. `testTimeout` in package.json is ignored when the repo's tests
// run as one multi-project jest, so it is set here, for every test file of this package.
jest.setTimeout(20_000);
