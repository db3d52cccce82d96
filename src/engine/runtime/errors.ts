/**
 * How a run can end other than with a result. The CLI maps them to exit codes and the page to its messages:
 * `RunError` is the user's input (exit 2), `RunCancelled` the user's choice (exit 130), `EngineFailure` ours (exit 3).
 */

/** A run that cannot finish because of its input: an invalid transaction, or a scenario the EVM rejects. Its
 * message is for users. */
export class RunError extends Error {
  override readonly name = 'RunError';
}

/** The run was cancelled (the page's Cancel button, SIGINT in the CLI). The pool is left ready for the next run. */
export class RunCancelled extends Error {
  override readonly name = 'RunCancelled';
  constructor(message = 'run cancelled') {
    super(message);
  }
}

/** Not the input's fault: workers that keep crashing, a scheduler that stalled. The message says what happened. */
export class EngineFailure extends Error {
  override readonly name = 'EngineFailure';
}
