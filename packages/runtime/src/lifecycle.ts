import type { Logger } from '@bounce/config';

export type Subsystem = {
  name: string;
  /** Brings the subsystem up; subsystems start in array order. */
  start: () => Promise<void> | void;
  /** Takes it down; subsystems stop in reverse order (workers before Redis, IMAP and the SQL pool). */
  stop: () => Promise<void> | void;
};

export type ProcessOptions = {
  name: string;
  logger: Logger;
  subsystems: Subsystem[];
  /** Upper bound for a graceful shutdown, after which the process exits anyway. Default 30 s. */
  shutdownTimeoutMs?: number;
  /** Tests pass false to keep signal handlers and process.exit out of the test runner. Default true. */
  handleSignals?: boolean;
};

export type RunningProcess = { stop: (reason?: string) => Promise<void> };

/**
 * One lifecycle per process: start subsystems in order, stop them in reverse on SIGTERM/SIGINT (once, bounded by a
 * timeout); an uncaught exception or unhandled rejection is fatal (logged, stopped, exit 1). A subsystem that fails
 * to start stops those already started.
 */
export async function runProcess(options: ProcessOptions): Promise<RunningProcess> {
  const { logger, subsystems } = options;
  const log = logger.child({ component: 'lifecycle' });
  const timeoutMs = options.shutdownTimeoutMs ?? 30_000;
  const started: Subsystem[] = [];
  let stopping: Promise<void> | undefined;

  const stop = (reason = 'stop requested'): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, 'shutting down');
      const timer = setTimeout(() => {
        log.error({ timeoutMs }, 'graceful shutdown timed out, exiting');
        if (options.handleSignals !== false) process.exit(1);
      }, timeoutMs);
      timer.unref();
      for (const s of [...started].reverse()) {
        try {
          await s.stop();
          log.info({ subsystem: s.name }, 'subsystem stopped');
        } catch (err) {
          log.error({ subsystem: s.name, err }, 'subsystem failed to stop cleanly');
        }
      }
      clearTimeout(timer);
      log.info('shutdown complete');
    })();
    return stopping;
  };

  if (options.handleSignals !== false) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        void stop(signal).then(() => process.exit(0));
      });
    }
    // A rejection nobody handles means a promise chain we do not understand: state may be half-written, so stop
    // (in-flight jobs go back to their queues) and exit non-zero for the supervisor to restart us.
    process.once('unhandledRejection', (err) => {
      log.fatal({ err }, 'unhandled rejection');
      void stop('unhandled rejection').finally(() => process.exit(1));
    });
    process.once('uncaughtException', (err) => {
      log.fatal({ err }, 'uncaught exception');
      void stop('uncaught exception').finally(() => process.exit(1));
    });
  }

  for (const s of subsystems) {
    try {
      await s.start();
      started.push(s);
      log.info({ subsystem: s.name }, 'subsystem started');
    } catch (err) {
      log.fatal({ subsystem: s.name, err }, 'subsystem failed to start');
      await stop(`start of ${s.name} failed`);
      throw err;
    }
  }
  log.info({ process: options.name }, 'process started');
  return { stop };
}
