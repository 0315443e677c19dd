/** One line per free agent: a line is dialed only for an agent who is ready and has none. */
export function progressiveLines(input: {
  idleAgents: number;
  ringingElapsedMs: readonly unknown[];
  waitingAnswers: number;
  contactsAvailable: number;
}): number {
  const free = input.idleAgents - input.ringingElapsedMs.length - input.waitingAnswers;
  return Math.max(0, Math.min(free, input.contactsAvailable));
}
