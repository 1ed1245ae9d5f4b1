// The one zod every schema of src/ is written with (`import * as z from './zod.js'`): zod/mini, configured
// before any schema is made. zod/mini, not classic zod: the inputs are parsed once per run, so what counts is
// the code start-up compiles, and classic zod's method chains add 100 KB to the bundle (the same core parses
// either way). `export *`, not a re-exported `z` namespace: ncc then leaves out what no schema uses (locales).
import { config } from 'zod/mini'
// English messages, as classic zod sets them (zod/mini sets none: every message would be "Invalid input").
import en from 'zod/v4/locales/en.js'

// jitless: otherwise every object schema probes `new Function` when made and compiles a parser for its
// shape at its first synchronous parse, which pays only over many parses; here each is parsed once.
config({ ...en(), jitless: true })

export * from 'zod/mini'
