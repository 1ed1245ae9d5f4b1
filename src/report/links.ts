import type { RunReport } from './model.js'

const CONNECT = 'https://appstoreconnect.apple.com/apps'

/** Pages a reader of the summary goes to next: the app, the build in TestFlight, the version, the run. */
export function summaryLinks(report: RunReport): [string, string][] {
  const links: [string, string][] = []
  const { app, identity } = report
  if (app) {
    const appUrl = `${CONNECT}/${encodeURIComponent(app.id)}`
    links.push(['App in App Store Connect', `${appUrl}/distribution`])
    const buildId = report.processing?.buildId ?? report.upload?.buildId
    if (buildId && identity) {
      links.push([
        'Build in TestFlight',
        `${appUrl}/testflight/${identity.platform}/${encodeURIComponent(buildId)}`,
      ])
    }
    if (report.appStore && identity) {
      links.push(['App Store version', `${appUrl}/distribution/${identity.platform}/version/inflight`])
    }
  }
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = process.env
  if (server && repo && runId) links.push(['Workflow run', `${server}/${repo}/actions/runs/${runId}`])
  return links
}
