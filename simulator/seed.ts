// Seeding: the resources tests, scripts and the CLI start from, and the ones the simulator creates
// by itself (a build once its upload is processed, a beta group, a version with its localization).
// They live on the store the simulator hands out (`sim.store.createBuild(...)`), built on the generic
// resource store, and read the scenario and the store's clock.
import type { ScenarioState } from './handlers.js'
import {
  Store,
  type AttributesByType,
  type Platform,
  type StateDetail,
  type StoredResource,
} from './store.js'

/** The scenario knobs seeding reads. */
export type SeedScenario = Pick<
  ScenarioState,
  | 'uploadProcessingMs'
  | 'uploadErrors'
  | 'buildProcessingMs'
  | 'buildOutcome'
  | 'usesNonExemptEncryption'
  | 'betaDetailsLagMs'
  | 'autoNotifyEnabled'
>

/** The contact a sample team gives App Review and Beta App Review. */
const REVIEW_CONTACT = {
  contactFirstName: 'Ada',
  contactLastName: 'Lovelace',
  contactPhone: '+1 408 555 0100',
  contactEmail: 'review@example.com',
}

/** The generic store with the seeding helpers the simulator, its tests and scripts use. */
export class SimulatorStore extends Store {
  constructor(
    now: () => number,
    private readonly scenario: () => SeedScenario,
  ) {
    super(now)
  }

  createApp(input: { bundleId: string; name?: string; sku?: string; primaryLocale?: string; id?: string }): {
    id: string
  } {
    const app = this.insert(
      'apps',
      {
        bundleId: input.bundleId,
        name: input.name ?? input.bundleId.split('.').pop() ?? input.bundleId,
        sku: input.sku ?? input.bundleId.toUpperCase().replace(/[^A-Z0-9]/g, ''),
        primaryLocale: input.primaryLocale ?? 'en-US',
      },
      {},
      input.id ? { id: input.id } : {},
    )
    // Every app has its Beta App Review details, empty until someone fills in Test Information.
    this.insert('betaAppReviewDetails', { demoAccountRequired: false }, { app: { type: 'apps', id: app.id } })
    // A new app has one app info, editable, named in its primary locale (Apple makes it with the app).
    const info = this.insert(
      'appInfos',
      { state: 'PREPARE_FOR_SUBMISSION' },
      { app: { type: 'apps', id: app.id } },
    )
    this.insert(
      'appInfoLocalizations',
      { locale: app.attributes.primaryLocale, name: app.attributes.name },
      { appInfo: { type: 'appInfos', id: info.id } },
    )
    return { id: app.id }
  }

  /** TestFlight's Test Information filled in, as App Store Connect's Test Information page leaves it. */
  fillTestInformation(appId: string): void {
    const app = this.requireApp(appId)
    const detail = this.list('betaAppReviewDetails', (d) => this.linkages(d, 'app')[0]?.id === appId)[0]
    if (detail) {
      Object.assign(detail.attributes, REVIEW_CONTACT)
    }
    this.insert(
      'betaAppLocalizations',
      {
        locale: app.attributes.primaryLocale,
        description: 'A demo app.',
        feedbackEmail: 'beta@example.com',
      },
      { app: { type: 'apps', id: appId } },
    )
  }

  /**
   * The store listing App Review needs, filled in on a version as teams write it in App Store Connect:
   * each localization's description, keywords and support URL (blank ones only), and the App Review
   * contact (fastlane#20009 shows Apple refusing the review item without them).
   */
  fillListing(versionId: string): void {
    const version = this.peek('appStoreVersions', versionId)
    if (!version) throw new Error(`No App Store version with id ${versionId}`)
    const blank = (value: unknown) => typeof value !== 'string' || value.trim() === ''
    for (const localization of this.related(version, 'appStoreVersionLocalizations')) {
      const texts = localization.attributes
      if (blank(texts.description)) texts.description = 'A demo app that keeps your plans in order.'
      if (blank(texts.keywords)) texts.keywords = 'demo,planner'
      if (blank(texts.supportUrl)) texts.supportUrl = 'https://example.com/support'
    }
    const detail = this.related(version, 'appStoreReviewDetail')[0]
    if (detail) Object.assign(detail.attributes, REVIEW_CONTACT)
    else
      this.insert(
        'appStoreReviewDetails',
        { ...REVIEW_CONTACT },
        {
          appStoreVersion: { type: 'appStoreVersions', id: versionId },
        },
      )
  }

  /**
   * From now on the app's first version on each platform gets a filled listing (fillListing), as a team
   * writes it on that version's page in App Store Connect before the first review. Later versions start
   * from a copy of it, as Apple makes them (appstore.ts copyPreviousLocales, asc#836).
   */
  keepListing(appId: string): void {
    this.requireApp(appId).internal['keepsListing'] = true
  }

  /**
   * The app infos follow the versions: releasing one makes the editable app info the live one (the older
   * live one is replaced), and a version in preparation gets an editable app info that starts as a copy of
   * the live one (fastlane spaceship app.rb fetch_edit_app_info / fetch_live_app_info pick them by state).
   */
  settleAppInfos(appId: string, versionState: string): string | undefined {
    const infos = this.list('appInfos', (i) => this.linkages(i, 'app')[0]?.id === appId)
    const live = infos.find((i) => i.attributes.state === 'READY_FOR_DISTRIBUTION')
    const editable = infos.find(
      (i) => !['READY_FOR_DISTRIBUTION', 'REPLACED_WITH_NEW_INFO'].includes(i.attributes.state),
    )
    if (versionState === 'READY_FOR_SALE') {
      if (!editable) return undefined
      if (live) live.attributes.state = 'REPLACED_WITH_NEW_INFO'
      editable.attributes.state = 'READY_FOR_DISTRIBUTION'
      return undefined
    }
    if (editable || !live) return undefined
    const info = this.insert(
      'appInfos',
      { state: 'PREPARE_FOR_SUBMISSION' },
      { app: { type: 'apps', id: appId } },
    )
    for (const localization of this.related(live, 'appInfoLocalizations')) {
      this.insert(
        'appInfoLocalizations',
        { ...localization.attributes } as AttributesByType['appInfoLocalizations'],
        {
          appInfo: { type: 'appInfos', id: info.id },
        },
      )
    }
    return info.id
  }

  createBetaGroup(input: {
    appId: string
    name: string
    isInternalGroup?: boolean
    hasAccessToAllBuilds?: boolean
  }): { id: string } {
    this.requireApp(input.appId)
    const group = this.insert(
      'betaGroups',
      {
        name: input.name,
        createdDate: new Date(this.now()).toISOString(),
        isInternalGroup: input.isInternalGroup ?? false,
        hasAccessToAllBuilds: input.hasAccessToAllBuilds ?? input.isInternalGroup ?? false,
        publicLinkEnabled: false,
        feedbackEnabled: true,
      },
      { app: { type: 'apps', id: input.appId }, builds: [] },
    )
    if (group.attributes.isInternalGroup && group.attributes.hasAccessToAllBuilds) {
      for (const build of this.list('builds', (b) => this.linkages(b, 'app')[0]?.id === input.appId)) {
        this.linkBuildToGroup(build.id, group.id)
      }
    }
    return { id: group.id }
  }

  preReleaseVersionFor(
    appId: string,
    version: string,
    platform: Platform,
  ): StoredResource<{
    version: string
    platform: Platform
  }> {
    const existing = this.list(
      'preReleaseVersions',
      (p) =>
        p.attributes.version === version &&
        p.attributes.platform === platform &&
        this.linkages(p, 'app')[0]?.id === appId,
    )[0]
    return (
      existing ??
      this.insert('preReleaseVersions', { version, platform }, { app: { type: 'apps', id: appId } })
    )
  }

  /**
   * Creates a build with its preReleaseVersion and buildBetaDetail. A build created in PROCESSING
   * moves to the scenario's outcome after `buildProcessingMs` (from `processingStartedAt`).
   */
  createBuild(input: {
    appId: string
    version: string
    buildNumber: string
    platform: Platform
    processingState?: 'PROCESSING' | 'FAILED' | 'INVALID' | 'VALID'
    usesNonExemptEncryption?: boolean | null
    uploadedAt?: number
    buildUploadId?: string
    expired?: boolean
  }): { id: string } {
    this.requireApp(input.appId)
    const scenario = this.scenario()
    const uploadedAt = input.uploadedAt ?? this.now()
    const pre = this.preReleaseVersionFor(input.appId, input.version, input.platform)
    const encryption =
      input.usesNonExemptEncryption === undefined
        ? scenario.usesNonExemptEncryption
        : input.usesNonExemptEncryption
    const build = this.insert(
      'builds',
      {
        version: input.buildNumber,
        uploadedDate: new Date(uploadedAt).toISOString(),
        expirationDate: new Date(uploadedAt + 90 * 24 * 3600 * 1000).toISOString(),
        expired: input.expired ?? false,
        minOsVersion: '15.0',
        processingState: input.processingState ?? 'VALID',
        buildAudienceType: 'APP_STORE_ELIGIBLE',
        ...(encryption === null ? {} : { usesNonExemptEncryption: encryption }),
      },
      {
        app: { type: 'apps', id: input.appId },
        preReleaseVersion: { type: 'preReleaseVersions', id: pre.id },
        betaGroups: [],
        ...(input.buildUploadId ? { buildUpload: { type: 'buildUploads', id: input.buildUploadId } } : {}),
      },
      {
        internal: {
          processingEndsAt: uploadedAt + scenario.buildProcessingMs,
          processingOutcome: scenario.buildOutcome,
          // Only a build that goes through processing shows the beta-detail lag after it.
          ...(input.processingState === 'PROCESSING'
            ? { betaDetailsReadyAt: uploadedAt + scenario.buildProcessingMs + scenario.betaDetailsLagMs }
            : {}),
        },
      },
    )
    this.insert(
      'buildBetaDetails',
      {
        autoNotifyEnabled: scenario.autoNotifyEnabled,
        internalBuildState: 'PROCESSING',
        externalBuildState: 'PROCESSING',
      },
      { build: { type: 'builds', id: build.id } },
      { id: build.id },
    )
    for (const group of this.list(
      'betaGroups',
      (g) =>
        g.attributes.isInternalGroup &&
        g.attributes.hasAccessToAllBuilds === true &&
        this.linkages(g, 'app')[0]?.id === input.appId,
    )) {
      this.linkBuildToGroup(build.id, group.id)
    }
    this.refresh()
    return { id: build.id }
  }

  /** Creates a build upload in any state (for rerun/resume tests). */
  createBuildUpload(input: {
    appId: string
    version: string
    buildNumber: string
    platform: Platform
    state?: 'AWAITING_UPLOAD' | 'PROCESSING' | 'FAILED' | 'COMPLETE'
    errors?: StateDetail[]
    buildId?: string
  }): { id: string } {
    this.requireApp(input.appId)
    const now = this.now()
    const nowIso = new Date(now).toISOString()
    const state = input.state ?? 'AWAITING_UPLOAD'
    const upload = this.insert(
      'buildUploads',
      {
        cfBundleShortVersionString: input.version,
        cfBundleVersion: input.buildNumber,
        createdDate: nowIso,
        ...(state === 'AWAITING_UPLOAD' ? {} : { uploadedDate: nowIso }),
        platform: input.platform,
        state: { state, errors: input.errors ?? [], warnings: [], infos: [] },
      },
      { app: { type: 'apps', id: input.appId } },
      // A seeded PROCESSING upload finishes like a committed one, per the scenario.
      state === 'PROCESSING'
        ? {
            internal: {
              processingStartedAt: now,
              processingMs: this.scenario().uploadProcessingMs,
              uploadErrors: this.scenario().uploadErrors.map((e) => ({ ...e })),
            },
          }
        : {},
    )
    let buildId = input.buildId
    if (state === 'COMPLETE' && !buildId) {
      buildId = this.createBuild({
        appId: input.appId,
        version: input.version,
        buildNumber: input.buildNumber,
        platform: input.platform,
        buildUploadId: upload.id,
      }).id
    }
    if (buildId) upload.relationships['build'] = { type: 'builds', id: buildId }
    return { id: upload.id }
  }

  createAppStoreVersion(input: {
    appId: string
    versionString: string
    platform: Platform
    appStoreState?: string
    buildId?: string
  }): { id: string; newAppInfoId?: string } {
    const app = this.requireApp(input.appId)
    const state = input.appStoreState ?? 'PREPARE_FOR_SUBMISSION'
    const first =
      this.list(
        'appStoreVersions',
        (v) => v.attributes.platform === input.platform && this.linkages(v, 'app')[0]?.id === input.appId,
      ).length === 0
    const version = this.insert(
      'appStoreVersions',
      {
        platform: input.platform,
        versionString: input.versionString,
        appStoreState: state,
        appVersionState: state === 'READY_FOR_SALE' ? 'READY_FOR_DISTRIBUTION' : state,
        reviewType: 'APP_STORE',
        releaseType: 'AFTER_APPROVAL',
        downloadable: true,
        createdDate: new Date(this.now()).toISOString(),
      },
      {
        app: { type: 'apps', id: input.appId },
        build: input.buildId ? { type: 'builds', id: input.buildId } : null,
      },
    )
    this.insert(
      'appStoreVersionLocalizations',
      { locale: app.attributes.primaryLocale },
      { appStoreVersion: { type: 'appStoreVersions', id: version.id } },
    )
    if (first && app.internal['keepsListing'] === true) this.fillListing(version.id)
    const newAppInfoId = this.settleAppInfos(input.appId, state)
    return { id: version.id, ...(newAppInfoId ? { newAppInfoId } : {}) }
  }

  /**
   * Schedules App Review's verdict on a version `afterMs` from now (default at once), applied on the clock as
   * Apple's would be (domains/appstore.ts applyVerdict): approved or rejected.
   */
  decideReview(
    versionId: string,
    verdict: 'approved' | 'rejected',
    options: { afterMs?: number } = {},
  ): void {
    const version = this.peek('appStoreVersions', versionId)
    if (!version) throw new Error(`No appStoreVersions ${versionId}`)
    version.internal['verdict'] = verdict
    version.internal['verdictAt'] = this.now() + (options.afterMs ?? 0)
    this.refresh()
  }

  /**
   * A phased release of a version. One ACTIVE or PAUSED started `startedDaysAgo` days ago (default 0) and has
   * been paused `pausedDays` days in all (default 0), the pause under way included.
   */
  createPhasedRelease(input: {
    versionId: string
    state?: 'INACTIVE' | 'ACTIVE' | 'PAUSED' | 'COMPLETE'
    startedDaysAgo?: number
    pausedDays?: number
  }): { id: string } {
    const state = input.state ?? 'INACTIVE'
    const now = this.now()
    const day = 24 * 3600 * 1000
    const startedAt = now - (input.startedDaysAgo ?? 0) * day
    const paused = (input.pausedDays ?? 0) * day
    const started = state !== 'INACTIVE'
    const release = this.insert(
      'appStoreVersionPhasedReleases',
      {
        phasedReleaseState: state,
        totalPauseDuration: 0,
        currentDayNumber: 0,
        ...(started ? { startDate: new Date(startedAt).toISOString() } : {}),
      },
      { appStoreVersion: { type: 'appStoreVersions', id: input.versionId } },
      {
        internal: started
          ? {
              startedAt,
              ...(state === 'PAUSED' ? { pausedAt: now - paused, pausedMs: 0 } : { pausedMs: paused }),
              ...(state === 'COMPLETE' ? { completedAt: now } : {}),
            }
          : {},
      },
    )
    this.refresh()
    return { id: release.id }
  }

  linkBuildToGroup(buildId: string, groupId: string): void {
    const build = this.peek('builds', buildId)
    const group = this.peek('betaGroups', groupId)
    if (!build || !group) return
    this.link(build, 'betaGroups', [{ type: 'betaGroups', id: groupId }])
    this.link(group, 'builds', [{ type: 'builds', id: buildId }])
  }

  unlinkBuildFromGroup(buildId: string, groupId: string): void {
    const build = this.peek('builds', buildId)
    const group = this.peek('betaGroups', groupId)
    if (build) this.unlink(build, 'betaGroups', [{ type: 'betaGroups', id: groupId }])
    if (group) this.unlink(group, 'builds', [{ type: 'builds', id: buildId }])
  }

  private requireApp(appId: string): StoredResource<AttributesByType['apps']> {
    const app = this.peek('apps', appId)
    if (!app) throw new Error(`No app with id ${appId}`)
    return app
  }
}

/**
 * The sample app the CLI, the demo and the tests start from: an app with two TestFlight groups, "Team"
 * (internal, gets every build by itself) and "Public Beta" (external, needs Beta App Review).
 */
export function seedSampleApp(
  store: SimulatorStore,
  app: { bundleId: string; name?: string; testInformation?: boolean; listing?: boolean },
): { id: string } {
  const created = store.createApp({ bundleId: app.bundleId, ...(app.name ? { name: app.name } : {}) })
  // A sample app has its Test Information filled in, as teams do once; `testInformation: false` for a new app.
  if (app.testInformation !== false) store.fillTestInformation(created.id)
  // And its store listing, written on its first version; `listing: false` for an app whose listing is bare.
  if (app.listing !== false) store.keepListing(created.id)
  store.createBetaGroup({
    appId: created.id,
    name: 'Team',
    isInternalGroup: true,
    hasAccessToAllBuilds: true,
  })
  store.createBetaGroup({ appId: created.id, name: 'Public Beta', isInternalGroup: false })
  return created
}
