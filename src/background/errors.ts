// A command that cannot be done, with a stable code for the UI and a sentence for the practitioner.
export class CommandFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
