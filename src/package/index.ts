import { stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { PackageError, describeError, errorCode } from './types.js'
import { VERSION_FIELDS, versionProblem } from '../settings/version-rules.js'
import type { PackageContents, PackageMetadata } from './types.js'

export { PackageError } from './types.js'
export type { PackageMetadata } from './types.js'

const ACCEPTED = 'expected an .ipa (iOS, tvOS, visionOS) or a .pkg (macOS)'

/** Reads bundle id, version, build number and platform from an .ipa or .pkg, chosen by extension. */
export async function readPackageMetadata(path: string): Promise<PackageMetadata> {
  const extension = extname(path).toLowerCase()
  if (extension !== '.ipa' && extension !== '.pkg') {
    throw new PackageError(`${path} is not an .ipa or .pkg file (${ACCEPTED})`)
  }
  let fileSize: number
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new PackageError(`${path} is not a file (${ACCEPTED})`)
    fileSize = info.size
  } catch (err) {
    if (err instanceof PackageError) throw err
    if (errorCode(err) === 'ENOENT')
      throw new PackageError(`${path} does not exist (${ACCEPTED})`, { cause: err })
    throw new PackageError(`${path} cannot be read (${describeError(err)})`, { cause: err })
  }
  let contents: PackageContents
  try {
    // Only the parser this package needs is loaded (plist and yauzl are most of the .ipa one).
    contents =
      extension === '.ipa'
        ? await (await import('./ipa.js')).readIpaContents(path)
        : await (await import('./pkg.js')).readPkgContents(path)
  } catch (err) {
    if (err instanceof PackageError) throw err
    throw new PackageError(`${path} cannot be read (${describeError(err)})`, { cause: err })
  }
  checkVersions(path, contents)
  const metadata: PackageMetadata = {
    kind: extension === '.ipa' ? 'ipa' : 'pkg',
    path,
    fileName: basename(path),
    fileSize,
    bundleId: contents.bundleId,
    version: contents.version,
    buildNumber: contents.buildNumber,
    platform: contents.platform,
  }
  if (contents.usesNonExemptEncryption !== undefined) {
    metadata.usesNonExemptEncryption = contents.usesNonExemptEncryption
  }
  return metadata
}

/** The package's version and build number follow the same rule as the app_version and build_number inputs. */
function checkVersions(path: string, contents: PackageContents): void {
  const problems = (['app_version', 'build_number'] as const).flatMap((field) => {
    const value = field === 'app_version' ? contents.version : contents.buildNumber
    const problem = versionProblem(field, value)
    return problem === undefined ? [] : [`its ${VERSION_FIELDS[field].plistKey} ${problem}, as ${field} must`]
  })
  if (problems.length > 0) throw new PackageError(`${path} is refused: ${problems.join('; ')}`)
}
