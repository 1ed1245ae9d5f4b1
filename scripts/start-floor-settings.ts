// The bench's start-up floor (start-floor.mjs) after what the action must do before any request: read and
// check its inputs (readSettings, on zod). `npm run bench` bundles this with ncc, as the action is bundled,
// so the table shows what checking the inputs alone costs at start-up.
import { readSettings } from '../src/settings/inputs.js'

await readSettings()
await import('./start-floor.mjs')
