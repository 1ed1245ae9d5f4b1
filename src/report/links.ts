import type { PackageRecord } from './model.js'

/** The app's page in App Store Connect; its pages (distribution, testflight, …) hang below it. */
export function appUrl(appId: string): string {
  return `https://appstoreconnect.apple.com/apps/${encodeURIComponent(appId)}`
}

/** Pages a reader of the summary goes to next for one release: the app, the build in TestFlight, the version. */
export function packageLinks(record: PackageRecord): [string, string][] {
  const links: [string, string][] = []
  const { app, identity } = record
  if (app) {
    const home = appUrl(app.id)
    links.push(['App in App Store Connect', `${home}/distribution`])
    const buildId = record.processing?.buildId ?? record.upload?.buildId
    if (buildId && identity) {
      links.push([
        'Build in TestFlight',
        `${home}/testflight/${identity.platform}/${encodeURIComponent(buildId)}`,
      ])
    }
    if (record.appStore && identity) {
      links.push(['App Store version', `${home}/distribution/${identity.platform}/version/inflight`])
    }
  }
  return links
}

/** The workflow run's page. */
export function runLinks(): [string, string][] {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = process.env
  return server && repo && runId ? [['Workflow run', `${server}/${repo}/actions/runs/${runId}`]] : []
}
