/** Raised at boot when the environment is unusable; the message names every variable at fault. */
export class ConfigError extends Error {
  constructor(readonly variables: readonly string[], message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
