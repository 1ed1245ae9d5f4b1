// Loaded with --import into each run of dist/ when `npm test` collects coverage (scripts/run-action.ts).
// It records V8's precise coverage of the bundles (and the chunks they load) only and writes it at exit. NODE_V8_COVERAGE would
// do the same but also read each bundle's 4 MB source map at start and write it again with every run.
import { mkdirSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import { join } from 'node:path'
import process from 'node:process'

const dir = process.env.RUN_ACTION_COVERAGE_DIR
if (dir) {
  const session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true })
  // An in-process inspector session answers synchronously, so this works in an exit handler.
  process.on('exit', () => {
    session.post('Profiler.takePreciseCoverage', (error, coverage) => {
      if (error || !coverage) return
      const result = coverage.result.filter((script) =>
        /\/dist\/(post\/|next-build-number\/|release\/)?(\d+\.)?index\.js$/.test(script.url),
      )
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, `dist-${process.pid}-${Date.now()}.json`), JSON.stringify({ result }))
    })
  })
}
