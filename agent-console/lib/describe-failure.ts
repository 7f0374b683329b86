/** A failure as one sentence for the person at the console. */
export function describeFailure(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  return error instanceof Error && error.message ? error.message : fallback;
}
