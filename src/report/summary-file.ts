import { appendFile } from 'node:fs/promises'

/**
 * Appends Markdown to the job summary ($GITHUB_STEP_SUMMARY), as core.summary.write() does; shared by
 * main and the post step, which does not load @actions/core. False when there is no summary file.
 */
export async function appendSummary(markdown: string): Promise<boolean> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) return false
  await appendFile(file, markdown, 'utf8')
  return true
}
