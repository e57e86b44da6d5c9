/**
 * Test utilities for apps and plugins that show MLOps Portal search results.
 *
 * @packageDocumentation
 */
export { mlopsSearchDocument } from './mlopsSearchDocument';
