/**
 * Preloaded (`node --import`) into a CLI process by tests/unit/cli.test.ts: says on stderr, once,
 * when the process has a SIGTERM handler of its own — from then on a signal reaches the CLI's
 * interrupt, not Node's default (death by the signal). It changes nothing else.
 */
const timer = setInterval(() => {
  if (process.listenerCount('SIGTERM') > 0 && process.listenerCount('SIGINT') > 0) {
    clearInterval(timer);
    process.stderr.write('signal-probe: handlers in place\n');
  }
}, 10);
timer.unref();
