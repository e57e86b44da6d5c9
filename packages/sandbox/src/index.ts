export { createSandboxApp, sandboxServices } from './createSandboxApp';
