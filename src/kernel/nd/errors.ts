/**
 * An error raised by the array library, named after the Python exception numpy
 * raises (`ValueError`, `IndexError`, `TypeError`, `MemoryError`, ...). The
 * interpreter turns it into that Python exception with `message` as its text.
 */
export class NdError extends Error {
  constructor(
    readonly pyName: string,
    message: string,
  ) {
    super(message);
    this.name = pyName;
  }
}
