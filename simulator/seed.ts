// The sample app the CLI, the demo and the tests start from.
import type { Store } from './store.js'

/**
 * An app with two TestFlight groups: "Team" (internal, gets every build by itself) and "Public Beta"
 * (external, needs Beta App Review).
 */
export function seedSampleApp(store: Store, app: { bundleId: string; name?: string }): { id: string } {
  const created = store.createApp(app)
  store.createBetaGroup({
    appId: created.id,
    name: 'Team',
    isInternalGroup: true,
    hasAccessToAllBuilds: true,
  })
  store.createBetaGroup({ appId: created.id, name: 'Public Beta', isInternalGroup: false })
  return created
}
