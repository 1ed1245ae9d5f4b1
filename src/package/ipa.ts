import { appBundleOf, contentsFromInfoPlist, parseInfoPlist, selectMainApp } from './info-plist.js'
import { PLIST_LIMITS } from './plist.js'
import { PackageError } from './types.js'
import type { PackageContents } from './types.js'
import { ZipArchive, ZipError } from './zip.js'
import type { ZipEntry } from './zip.js'

const ACCEPTED = 'an .ipa is a zip with Payload/<App>.app/Info.plist'

/** Reads bundle id, versions, platform and the encryption declaration from an IPA without reading it whole. */
export async function readIpaContents(path: string): Promise<PackageContents> {
  let zip: ZipArchive
  try {
    zip = await ZipArchive.open(path)
  } catch (err) {
    throw zipFailure(path, err)
  }
  try {
    // Only the names that tell the app bundles apart are kept: one per bundle, and its Info.plist.
    const names: string[] = []
    const plists = new Map<string, ZipEntry>()
    const seen = new Set<string>()
    let payload: string | undefined
    // The app folder of the last entry, and its Info.plist. Entries come folder by folder: a name under the last
    // app's folder is in that app (appBundleOf would say so too), which spares a regular expression per entry,
    // most of the walk's time for an app of thousands of files.
    let app: string | undefined
    let infoPlist = ''
    zip.walk((entry) => {
      const { name } = entry
      if (app === undefined || !name.startsWith(app)) {
        app = appBundleOf(name)
        if (app === undefined) {
          if (payload === undefined && /^(?:[^/]+\/)?Payload\//.test(name)) names.push((payload = name))
          return
        }
        infoPlist = `${app}Info.plist`
        if (!seen.has(app)) {
          seen.add(app)
          names.push(name)
        }
      }
      if (name === infoPlist && !plists.has(name)) {
        plists.set(name, entry)
        names.push(name)
      }
    })
    const main = selectMainApp(names)
    if ('problem' in main) throw new PackageError(`${path} ${main.problem}`)
    const entry = plists.get(main.infoPlist)
    if (entry === undefined) throw new PackageError(`${path} has no ${main.infoPlist}; ${ACCEPTED}`)
    const bytes = await zip.read(entry, PLIST_LIMITS.maxBytes)
    return contentsFromInfoPlist(path, entry.name, await parseInfoPlist(path, entry.name, bytes))
  } catch (err) {
    throw zipFailure(path, err)
  } finally {
    zip.close()
  }
}

function zipFailure(path: string, err: unknown): PackageError {
  if (err instanceof PackageError) return err
  if (err instanceof ZipError) {
    if (err.kind === 'not-zip')
      return new PackageError(`${path} is not a zip archive (${ACCEPTED})`, { cause: err })
    if (err.kind === 'unsupported') {
      return new PackageError(`${path}: ${err.message}; it is refused`, {
        cause: err,
      })
    }
    return new PackageError(`${path} is a damaged or unsupported zip archive (${err.message}); ${ACCEPTED}`, {
      cause: err,
    })
  }
  return new PackageError(`${path} cannot be read (${err instanceof Error ? err.message : String(err)})`, {
    cause: err,
  })
}
