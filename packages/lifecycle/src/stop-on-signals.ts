interface Log {
  log(message: string, context?: string): void;
}

/**
 * Stops a process cleanly on SIGTERM or SIGINT: closes it (connections, servers), then exits 0, or 1 if
 * closing failed. Nest's own shutdown hooks re-raise the signal instead, so the exit would read as a kill.
 */
export function stopOnSignals(name: string, close: () => Promise<void>, logger: Log): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: stopping`, name);
      close().then(
        () => {
          logger.log(`${name} stopped`, name);
          process.exit(0);
        },
        (error: unknown) => {
          process.stderr.write(`${name} did not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
    });
  }
}
