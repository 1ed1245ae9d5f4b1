import { spawn } from 'node:child_process'

/** What one run of xcrun gave back: stdout and stderr merged line by line, and how it ended. */
export interface XcrunResult {
  output: string
  /** Each stream alone, for what must be read whole (the JSON result). */
  stdout: string
  stderr: string
  exitCode: number | null
  signal: NodeJS.Signals | null
}

export interface XcrunOptions {
  /** The child's whole environment (nothing is inherited beyond it). */
  env?: NodeJS.ProcessEnv
  /** Each complete line, as it arrives, already passed through `redact`. */
  onLine?: (line: string) => void
  /** Applied to every line before it is kept or shown. */
  redact?: (line: string) => string
}

/** How xcrun is run: runXcrun in the product, a stand-in in tests. */
export type XcrunRunner = (args: string[], options?: XcrunOptions) => Promise<XcrunResult>

/**
 * Runs `xcrun <args>` without a shell, streaming its output line by line. Lines of stdout and stderr are
 * kept whole and in arrival order, so a JSON result on stdout is never cut by a stderr line.
 * Rejects only when xcrun cannot be started; a non-zero exit or a signal is part of the result.
 */
export function runXcrun(args: string[], options: XcrunOptions = {}): Promise<XcrunResult> {
  const { onLine, redact = (line: string) => line } = options
  return new Promise((resolve, reject) => {
    const child = spawn('xcrun', args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    const lines: string[] = []
    const apart = { stdout: [] as string[], stderr: [] as string[] }
    const emit = (stream: 'stdout' | 'stderr', raw: string) => {
      const line = redact(raw.replace(/\r$/, ''))
      lines.push(line)
      apart[stream].push(line)
      onLine?.(line)
    }
    const pending = { stdout: '', stderr: '' }
    const read = (stream: 'stdout' | 'stderr') => (chunk: string) => {
      const parts = (pending[stream] + chunk).split('\n')
      pending[stream] = parts.pop() ?? ''
      for (const part of parts) emit(stream, part)
    }
    // Decoded per stream, so a UTF-8 character split across chunks stays whole (altool prints ‘quotes’).
    child.stdout.setEncoding('utf8').on('data', read('stdout'))
    child.stderr.setEncoding('utf8').on('data', read('stderr'))
    child.on('error', reject)
    child.on('close', (exitCode, signal) => {
      if (pending.stdout !== '') emit('stdout', pending.stdout)
      if (pending.stderr !== '') emit('stderr', pending.stderr)
      const [output, stdout, stderr] = [lines, apart.stdout, apart.stderr].map((l) => l.join('\n'))
      resolve({ output: output ?? '', stdout: stdout ?? '', stderr: stderr ?? '', exitCode, signal })
    })
  })
}
