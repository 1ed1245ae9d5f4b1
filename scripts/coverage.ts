import type { EncodedSourceMap } from '@jridgewell/trace-mapping'
import { mergeProcessCovs, type ProcessCov } from '@bcoe/v8-coverage'
import libCoverage, { type CoverageMap } from 'istanbul-lib-coverage'
import libReport from 'istanbul-lib-report'
import reports from 'istanbul-reports'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, posix, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import v8ToIstanbul from 'v8-to-istanbul'

// One coverage figure for src/: jest's own (the modules tests import) merged with the runs of dist/
// (NODE_V8_COVERAGE of each child of scripts/run-action.ts), mapped back to src/ through the bundles'
// source maps. Both sides go through v8-to-istanbul, so a line of src/ is the same line on both.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const srcDir = join(repoRoot, 'src') + sep
const distUrl = pathToFileURL(join(repoRoot, 'dist')).href
/** The bundles (main, post and the companions next-build-number/ and release/) and the chunks they load (`NN.index.js`). */
const isBundle = (url: string): boolean =>
  url.startsWith(distUrl) && /\/dist\/(post\/|next-build-number\/|release\/)?(\d+\.)?index\.js$/.test(url)

export type Metric = 'lines' | 'statements' | 'functions' | 'branches'
export type CoverageSummary = Record<Metric, number>

/** The runs of dist/ as one V8 coverage per bundle: only the bundles' scripts are kept from each run. */
function childCoverage(dir: string): ProcessCov {
  let merged: ProcessCov = { result: [] }
  let batch: ProcessCov[] = []
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')) : []
  for (const name of files) {
    const run = JSON.parse(readFileSync(join(dir, name), 'utf8')) as ProcessCov
    batch.push({ result: run.result.filter((script) => isBundle(script.url)) })
    // Merging as it goes keeps a few runs in memory, not a hundred.
    if (batch.length === 20) {
      merged = mergeProcessCovs([merged, ...batch])
      batch = []
    }
  }
  return mergeProcessCovs([merged, ...batch])
}

async function childCoverageMap(dir: string): Promise<CoverageMap> {
  const map = libCoverage.createCoverageMap({})
  for (const script of childCoverage(dir).result) {
    const path = fileURLToPath(script.url)
    const sourcemap = JSON.parse(readFileSync(`${path}.map`, 'utf8')) as EncodedSourceMap
    // ncc writes every bundle's sources relative to dist/ (`.././src/x.ts`), those of dist/post/ and the
    // companions' dist/<name>/ too: made relative to the bundle's own folder. v8-to-istanbul matches the
    // map's sources as written against the normalized paths the mapping returns, so they must be normal.
    sourcemap.sources = sourcemap.sources.map(
      (source) =>
        source &&
        posix.normalize(
          relative(dirname(path), resolve(repoRoot, 'dist', source))
            .split(sep)
            .join('/'),
        ),
    )
    const converter = v8ToIstanbul(
      path,
      0,
      { source: readFileSync(path, 'utf8'), originalSource: '', sourceMap: { sourcemap } },
      // Only our own modules; the bundled dependencies are not ours to cover. v8-to-istanbul asks with
      // the map's relative paths and with resolved ones.
      (original) => !resolve(dirname(path), original.replace(/^webpack:\/\//, '')).startsWith(srcDir),
    )
    await converter.load()
    converter.applyCoverage(script.functions)
    map.merge(converter.toIstanbul())
  }
  return map
}

/**
 * Merges jest's coverage (coverage-final.json in `jestDir`) with the runs of dist/ (V8 coverage files in
 * `childDir`), writes the reports to `outDir` and prints them; returns the totals in percent.
 */
export async function reportCoverage(options: {
  jestDir: string
  childDir: string
  outDir: string
}): Promise<CoverageSummary> {
  const jestFile = join(options.jestDir, 'coverage-final.json')
  const map = libCoverage.createCoverageMap(
    existsSync(jestFile) ? (JSON.parse(readFileSync(jestFile, 'utf8')) as libCoverage.CoverageMapData) : {},
  )
  map.merge(await childCoverageMap(options.childDir))
  map.filter((path) => path.startsWith(srcDir))

  const context = libReport.createContext({ dir: options.outDir, coverageMap: map })
  for (const reporter of ['json-summary', 'lcovonly'] as const) reports.create(reporter).execute(context)
  // Files below full coverage, then the totals.
  reports.create('text', { skipFull: true }).execute(context)
  reports.create('text-summary').execute(context)

  const totals = map.getCoverageSummary()
  return {
    lines: totals.lines.pct,
    statements: totals.statements.pct,
    functions: totals.functions.pct,
    branches: totals.branches.pct,
  }
}
