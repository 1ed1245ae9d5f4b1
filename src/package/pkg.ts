import { PackageError, describeError } from './types.js'
import type { PackageContents } from './types.js'
import { XarArchive, XarError } from './xar.js'
import { XmlError, attribute, descendantsNamed, parseXml } from './xml.js'
import type { XmlElement } from './xml.js'

/** A Distribution script is a few KiB. */
export const MAX_DISTRIBUTION_BYTES = 4 * 1024 * 1024

const ACCEPTED =
  'a .pkg for App Store Connect is a product archive built with productbuild, holding a Distribution file'

/** Reads bundle id and versions from a macOS product archive's Distribution file (TOC + that file only). */
export async function readPkgContents(path: string): Promise<PackageContents> {
  let archive: XarArchive
  try {
    archive = await XarArchive.open(path)
  } catch (err) {
    throw xarFailure(path, err)
  }
  let xml: string
  try {
    const entry = archive.find('Distribution')
    if (!entry || entry.type !== 'file') {
      const component = archive.find('PackageInfo')
        ? ' (it looks like a component package from pkgbuild)'
        : ''
      throw new PackageError(`${path} has no Distribution file${component}; ${ACCEPTED}`)
    }
    xml = new TextDecoder('utf-8').decode(await archive.readFile(entry, MAX_DISTRIBUTION_BYTES))
  } catch (err) {
    throw xarFailure(path, err)
  } finally {
    await archive.close()
  }
  return parseDistribution(path, xml)
}

function xarFailure(path: string, err: unknown): PackageError {
  if (err instanceof PackageError) return err
  if (err instanceof XarError) {
    if (err.kind === 'not-xar')
      return new PackageError(`${path} is not a xar archive; ${ACCEPTED}`, { cause: err })
    const what =
      err.kind === 'corrupt' ? 'is a damaged xar archive' : 'is a xar archive this action cannot read'
    return new PackageError(`${path} ${what} (${err.message}); ${ACCEPTED}`, { cause: err })
  }
  return new PackageError(`${path} could not be read (${describeError(err)})`, {
    cause: err,
  })
}

/**
 * Takes `<bundle CFBundleShortVersionString CFBundleVersion id>` from `<pkg-ref><bundle-version>`, preferring the
 * bundle whose id is the product id, then a top-level .app; `<product id version>` fills what is missing.
 */
export function parseDistribution(path: string, xml: string): PackageContents {
  let root: XmlElement
  try {
    root = parseXml(xml)
  } catch (err) {
    if (!(err instanceof XmlError)) throw err
    throw new PackageError(`${path}: Distribution is not valid XML (${err.message}); ${ACCEPTED}`, {
      cause: err,
    })
  }
  if (root.nodeName !== 'installer-gui-script' && root.nodeName !== 'installer-script') {
    throw new PackageError(
      `${path}: Distribution has root <${root.nodeName}>, expected <installer-gui-script>`,
    )
  }
  const product = descendantsNamed(root, 'product')[0]
  const bundles = descendantsNamed(root, 'bundle-version')
    .flatMap((list) => descendantsNamed(list, 'bundle'))
    .filter((bundle) => nonEmpty(attribute(bundle, 'id')) !== undefined)
  const productId = nonEmpty(attribute(product, 'id'))
  const bundle =
    bundles.find((b) => productId !== undefined && attribute(b, 'id') === productId) ??
    bundles.find((b) => /^[^/]+\.app$/.test(attribute(b, 'path') ?? '')) ??
    bundles[0]

  const bundleId = nonEmpty(attribute(bundle, 'id')) ?? productId
  const version =
    nonEmpty(attribute(bundle, 'CFBundleShortVersionString')) ?? nonEmpty(attribute(product, 'version'))
  const buildNumber =
    nonEmpty(attribute(bundle, 'CFBundleVersion')) ?? nonEmpty(attribute(product, 'version'))
  const missing = (what: string, where: string): PackageError =>
    new PackageError(`${path}: Distribution has no ${what} (looked for ${where}); ${ACCEPTED}`)
  if (bundleId === undefined) throw missing('bundle identifier', '<bundle id> and <product id>')
  if (version === undefined) {
    throw missing('version', '<bundle CFBundleShortVersionString> and <product version>')
  }
  if (buildNumber === undefined)
    throw missing('build number', '<bundle CFBundleVersion> and <product version>')
  return { bundleId, version, buildNumber, platform: 'macos' }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}
