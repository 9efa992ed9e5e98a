export { startSandbox, type RunningSandbox, type SandboxOptions } from './start-sandbox';
