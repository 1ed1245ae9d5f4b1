import type { PackageRecord } from './model.js'

const CONNECT = 'https://appstoreconnect.apple.com/apps'

/** Pages a reader of the summary goes to next for one release: the app, the build in TestFlight, the version. */
export function packageLinks(record: PackageRecord): [string, string][] {
  const links: [string, string][] = []
  const { app, identity } = record
  if (app) {
    const appUrl = `${CONNECT}/${encodeURIComponent(app.id)}`
    links.push(['App in App Store Connect', `${appUrl}/distribution`])
    const buildId = record.processing?.buildId ?? record.upload?.buildId
    if (buildId && identity) {
      links.push([
        'Build in TestFlight',
        `${appUrl}/testflight/${identity.platform}/${encodeURIComponent(buildId)}`,
      ])
    }
    if (record.appStore && identity) {
      links.push(['App Store version', `${appUrl}/distribution/${identity.platform}/version/inflight`])
    }
  }
  return links
}

/** The workflow run's page. */
export function runLinks(): [string, string][] {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = process.env
  return server && repo && runId ? [['Workflow run', `${server}/${repo}/actions/runs/${runId}`]] : []
}
