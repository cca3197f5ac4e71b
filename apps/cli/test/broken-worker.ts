/** A worker whose code fails while loading, for the pool's tests: it must not be restarted forever. */
throw new Error('this worker cannot start');
