import type { CompanionReport } from '../../report/companion.js'
import type { CompanionContext } from '../run.js'
import { highestBuildNumber } from './latest.js'
import { formatBuildNumber, incrementBuildNumber } from './numbers.js'
import type { NextBuildNumberSettings } from './settings.js'

/**
 * next-build-number/: the build number to give the next build, one increment above the highest App Store
 * Connect holds in builds and in uploads still under way. Read-only, so its dry run is a real run.
 */
export async function nextBuildNumber(
  ctx: CompanionContext<NextBuildNumberSettings>,
  report: CompanionReport,
): Promise<void> {
  const { settings } = ctx
  const version = settings.scope === 'version' ? settings.version : undefined
  const scope = version === undefined ? `all versions` : `version ${version}`
  report.facts.push(['Platform', settings.platform], ['Counted', `builds and uploads under way of ${scope}`])
  const highest = await highestBuildNumber(
    ctx.client,
    { appId: ctx.app.id, platform: settings.platform, version },
    ctx.log,
  )
  const next = highest
    ? formatBuildNumber(incrementBuildNumber(highest.number, settings.increment))
    : settings.initialBuildNumber
  if (highest) {
    ctx.log.info(`Highest build number of ${scope}: ${highest.text} (${highest.source}); next: ${next}.`)
    report.facts.push([
      'Latest build number',
      `${highest.text} (from ${highest.source === 'build' ? 'a build' : 'an upload under way'})`,
    ])
  } else {
    ctx.log.info(`No build or upload of ${scope} yet: next is initial_build_number ${next}.`)
    report.facts.push(['Latest build number', 'none yet'])
  }
  report.facts.push(['Next build number', next])
  report.outputs['next_build_number'] = next
  report.outputs['latest_build_number'] = highest?.text
  report.outputs['latest_source'] = highest?.source
}
