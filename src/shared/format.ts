/** Sizes in MB (10^6 bytes), as the speeds are in MB/s. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`
  return `${bytes} bytes`
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = ms / 1000
  return s < 90 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`
}

/** A text on one line, at most `max` characters, for a log line or a summary cell. */
export function shorten(text: string, max = 60): string {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ⏎ ')
  const chars = Array.from(line)
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`
}
