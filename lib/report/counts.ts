/**
 * Counting words for summaries: "1 document", "3 policies".
 */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
