/** Input a person can correct, with the sentence that tells them how (shown as it is). */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
}
