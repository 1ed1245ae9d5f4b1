import { runAction, type ActionRun } from '../../scripts/run-action.js'
import { BUNDLE_ID, type World } from './world.js'

/** Runs and reads for TestFlight tests: a release of a seeded build, and what the simulator saw and holds. */
export function testflightHelpers(world: () => World, runs: ActionRun[]) {
  /** Runs the action on an existing build of `version` (no upload), recording the run for the secret scan. */
  async function release(buildNumber: string, inputs: Record<string, string>, version = '3.0.0') {
    const w = world()
    const result = await runAction({
      inputs: {
        ...w.inputs,
        upload_method: 'none',
        ipa_path: '',
        bundle_id: BUNDLE_ID,
        app_version: version,
        build_number: buildNumber,
        platform: 'ios',
        poll_interval: '0.1',
        ...inputs,
      },
      env: w.env,
    })
    runs.push(result)
    return result
  }
  const writesSince = (start: number) =>
    world()
      .sim.requests.slice(start)
      .filter((r) => r.method !== 'GET' && r.path.startsWith('/v1/'))
  const requestsSince = (start: number, method: string, path: string) =>
    world()
      .sim.requests.slice(start)
      .filter((r) => r.method === method && r.path === path)
  const attributesOf = (type: 'builds' | 'buildBetaDetails', id: string) =>
    world().sim.store.get(type, id)?.attributes as Record<string, unknown>
  /** The build's What to Test as [locale, text] pairs, sorted. */
  const localesOf = (buildId: string) =>
    world()
      .sim.store.list('betaBuildLocalizations')
      .filter((l) => JSON.stringify(l.relationships).includes(buildId))
      .map((l) => [l.attributes['locale'], l.attributes['whatsNew']])
      .sort()
  return { release, writesSince, requestsSince, attributesOf, localesOf }
}
