import { formatBytes, formatDuration } from '../../shared/format.js'
import type { UploadResult } from '../../upload/types.js'
import { escapeMarkdown } from '../markdown.js'

const VIA = { api: 'the build upload API', altool: 'xcrun altool', none: '' } as const

export function uploadSection(upload: UploadResult): string[] {
  const lines = ['### Upload', '']
  if (upload.method === 'none') {
    lines.push('No upload: acting on a build already in App Store Connect.', '')
  } else if (upload.reused && upload.bytesSent > 0) {
    lines.push(
      `Another run committed this build's upload first; this run had sent ${formatBytes(upload.bytesSent)} of its parts.`,
      '',
    )
  } else if (upload.reused) {
    const what = upload.reused === 'build' ? 'the build' : 'an upload of this build'
    lines.push(
      `Already in App Store Connect: an earlier run uploaded ${what}, so nothing was sent again.`,
      '',
    )
  } else {
    const seconds = upload.sendMs / 1000
    // altool's time covers its whole session (checks, processing handshakes), not the transfer alone.
    const speed =
      seconds > 0 && upload.method === 'api'
        ? ` at ${(upload.bytesSent / 1e6 / seconds).toFixed(1)} MB/s`
        : ''
    lines.push(
      `Sent ${formatBytes(upload.bytesSent)} through ${VIA[upload.method]} in ${formatDuration(upload.sendMs)}${speed}.`,
      '',
    )
  }
  if (upload.buildUploadId) lines.push(`- Build upload: ${escapeMarkdown(upload.buildUploadId)}`)
  if (upload.deliveryUuid) lines.push(`- Delivery UUID: ${escapeMarkdown(upload.deliveryUuid)}`)
  if (upload.buildId) lines.push(`- Build: ${escapeMarkdown(upload.buildId)}`)
  lines.push('')
  return lines
}
