import type { ReleaseCommand } from './settings.js'
import { phasedStateOf, type VersionStatus } from './version.js'
import { RELEASED_STATES } from '../../appstore/resources.js'

/** What a command does to the version as it stands: nothing, a release request, or a phased release change. */
export type CommandStep =
  | { kind: 'nothing'; reason: string }
  | { kind: 'release'; versionId: string; reason: string }
  | { kind: 'phase'; to: 'PAUSED' | 'ACTIVE' | 'COMPLETE'; phasedReleaseId: string; reason: string }

/**
 * "You may pause the release for up to 30 days" (App Store Connect Help, "Release a version update in phases",
 * developer.apple.com/help/app-store-connect/update-your-app/release-a-version-update-in-phases).
 */
export const PAUSE_DAYS_ALLOWED = 30

/** App Review has the version and has not decided yet. */
export const AWAITING_VERDICT = new Set(['WAITING_FOR_REVIEW', 'IN_REVIEW'])

/**
 * The step `command` takes from `status`, or an Error naming the state that does not allow it. Every
 * command is safe to repeat: a version already as asked is left alone. A manual release is a release
 * request for a version PENDING_DEVELOPER_RELEASE (fastlane spaceship app_store_version_release_request.rb);
 * a phased release is paused, resumed or completed by setting its state (spaceship
 * app_store_version_phased_release.rb pause/resume/complete).
 */
export function planCommand(command: ReleaseCommand, status: VersionStatus): CommandStep {
  const version = `Version ${status.versionString}`
  switch (command) {
    case 'status':
      return { kind: 'nothing', reason: `${version} is ${status.state}.` }
    case 'release':
      return planRelease(status, version)
    case 'pause':
      return planPhase(status, version, 'PAUSED', ['ACTIVE'], 'pause')
    case 'resume':
      return planPhase(status, version, 'ACTIVE', ['PAUSED'], 'resume')
    case 'complete':
      return planPhase(status, version, 'COMPLETE', ['ACTIVE', 'PAUSED'], 'complete')
  }
}

function planRelease(status: VersionStatus, version: string): CommandStep {
  const { state } = status
  if (state === 'PENDING_DEVELOPER_RELEASE')
    return {
      kind: 'release',
      versionId: status.versionId,
      reason: `${version} is approved and waits for its release.`,
    }
  if (RELEASED_STATES.has(state))
    return { kind: 'nothing', reason: `${version} is already released (${state}): nothing to do.` }
  if (AWAITING_VERDICT.has(state)) {
    throw new Error(
      `${version} is ${state}: App Review has not approved it yet, so it cannot be released. Set ` +
        'wait_for_approval (minutes) to wait for the verdict first, or run again once it is approved.',
    )
  }
  if (state === 'PENDING_APPLE_RELEASE') {
    throw new Error(
      `${version} is PENDING_APPLE_RELEASE: it is approved and Apple releases it itself (at its scheduled ` +
        'release date), so there is nothing to release by hand.',
    )
  }
  throw new Error(
    `${version} is ${state}: only a version Pending Developer Release (approved, with release_type MANUAL) ` +
      'can be released.',
  )
}

function planPhase(
  status: VersionStatus,
  version: string,
  to: 'PAUSED' | 'ACTIVE' | 'COMPLETE',
  from: string[],
  verb: string,
): CommandStep {
  const phased = status.phased
  const state = phasedStateOf(status)
  if (!phased || state === undefined) {
    throw new Error(
      `${version} has no phased release, so there is nothing to ${verb}: its update reaches every user at ` +
        `release. (The version is ${status.state}.)`,
    )
  }
  if (state === to)
    return { kind: 'nothing', reason: `${version}'s phased release is already ${state}: nothing to do.` }
  const paused = phased.attributes?.totalPauseDuration ?? 0
  if (to === 'PAUSED' && state === 'ACTIVE' && paused >= PAUSE_DAYS_ALLOWED) {
    throw new Error(
      `${version}'s phased release has been paused for ${paused} days already: Apple allows ${PAUSE_DAYS_ALLOWED} in all, ` +
        'so it cannot be paused again. Complete it, or release a new version.',
    )
  }
  if (from.includes(state))
    return {
      kind: 'phase',
      to,
      phasedReleaseId: phased.id,
      reason: `${version}'s phased release is ${state}.`,
    }
  const why =
    state === 'INACTIVE'
      ? `it has not started: it starts when the version is released (the version is ${status.state})`
      : state === 'COMPLETE'
        ? 'it is over: every user with automatic updates has the update'
        : `only a phased release that is ${from.join(' or ')} can be ${verb}d`
  throw new Error(`${version}'s phased release is ${state}, so it cannot be ${verb}d: ${why}.`)
}
