import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

// Every README example is run by an example workflow against the simulator; this keeps them the same.
interface Step {
  name?: string
  id?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Workflow {
  jobs: Record<string, { steps: Step[] }>
}

const readme = readFileSync('README.md', 'utf8')
const ACTION = 'example-org/app-store-connect-release@v1'
/** The README's `uses:` of this repository's actions, as the workflows run them: `./` and `./<companion>`. */
const COMPANION = /^example-org\/app-store-connect-release\/([\w-]+)@v1$/
const local = (uses: string | undefined): string | undefined =>
  uses === ACTION ? './' : uses?.replace(COMPANION, './$1')
const isOurs = (uses: string | undefined): boolean => uses !== undefined && local(uses) !== uses
/** Credentials come from secrets in the README and from the simulator in the workflows. */
const CREDENTIALS = ['api_key', 'key_id', 'issuer_id']

const examples = [...readme.matchAll(/<!-- example: ([^\s#]+)(?:#(\S+))? -->\n+```yaml\n([\s\S]*?)```/g)].map(
  ([, file, job, yaml]) => ({ file: file ?? '', job, steps: parse(yaml ?? '') as Step[] }),
)

function withoutCredentials(step: Step): Step {
  const inputs = Object.fromEntries(Object.entries(step.with ?? {}).filter(([k]) => !CREDENTIALS.includes(k)))
  return {
    ...step,
    uses: local(step.uses),
    with: inputs,
    name: undefined,
    id: undefined,
  }
}

const credentialNames = (step: Step) =>
  Object.keys(step.with ?? {})
    .filter((k) => CREDENTIALS.includes(k))
    .sort()

describe('README examples', () => {
  it('are all tied to a workflow', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4)
    expect(readme.match(/```yaml\n- (uses|name): /g)?.length).toBe(examples.length)
  })

  it.each(examples.map((e) => [`${e.file}${e.job ? `#${e.job}` : ''}`, e] as const))(
    '%s runs exactly the README’s steps',
    (_, example) => {
      const workflow = parse(readFileSync(example.file, 'utf8')) as Workflow
      const jobs = Object.entries(workflow.jobs)
      const [, job] = (example.job ? jobs.find(([name]) => name === example.job) : jobs[0]) ?? []
      expect(job).toBeDefined()
      const steps = job?.steps ?? []
      const actionSteps = example.steps.filter((s) => isOurs(s.uses))
      const otherSteps = example.steps.filter((s) => !isOurs(s.uses))
      const ran = steps.filter((s) => actionSteps.some((a) => local(a.uses) === s.uses))
      expect(ran.map(withoutCredentials)).toEqual(actionSteps.map(withoutCredentials))
      expect(ran.map(credentialNames)).toEqual(actionSteps.map(credentialNames))
      for (const step of otherSteps) expect(steps).toContainEqual(step)
    },
  )
})

// The README's complete workflows: each is a whole workflow file that CI runs as
// `.github/workflows/example-*.yml`, where steps named "CI: …" start the simulator and check outputs,
// the action is `./` with the simulator's credentials, and a build step runs the package generator
// instead of xcodebuild. Everything else (jobs, runners, needs, matrices, outputs, steps) is the same.
interface Job {
  'runs-on': string
  needs?: unknown
  strategy?: unknown
  outputs?: unknown
  steps: Step[]
}
interface FullWorkflow {
  on: unknown
  jobs: Record<string, Job>
}

const fullWorkflows = [...readme.matchAll(/<!-- workflow: (\S+) -->\n+```yaml\n([\s\S]*?)```/g)].map(
  ([, file, yaml]) => ({ file: file ?? '', workflow: parse(yaml ?? '') as FullWorkflow }),
)

/** A README step as CI runs it: the action as `./`, no credentials, a build by xcodebuild not compared. */
function asRunByCi(step: Step): Step {
  const { name, id, uses, run, with: inputs } = withoutCredentials(step)
  const builds = run?.includes('xcodebuild') ?? false
  return { name: step.name ?? name, id: step.id ?? id, uses, run: builds ? 'a build' : run, with: inputs }
}
function ciStep(step: Step): Step {
  const builds = step.run?.includes('scripts/make-package.ts') ?? false
  return asRunByCi({ ...step, run: builds ? 'xcodebuild' : step.run })
}

describe('README complete workflows', () => {
  it('are there: build on macOS and release from Linux, upload then finish, a matrix, several packages', () => {
    expect(fullWorkflows.map((w) => w.file).sort()).toEqual([
      '.github/workflows/example-build-and-release.yml',
      '.github/workflows/example-matrix.yml',
      '.github/workflows/example-several-packages.yml',
      '.github/workflows/example-upload-then-finish.yml',
    ])
    for (const { workflow } of fullWorkflows) {
      expect(workflow.on).toBeDefined()
      expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0)
    }
  })

  it.each(fullWorkflows.map((w) => [w.file, w] as const))('%s is what CI runs', (file, { workflow }) => {
    const ci = parse(readFileSync(file, 'utf8')) as FullWorkflow
    expect(Object.keys(ci.jobs)).toEqual(Object.keys(workflow.jobs))
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const ciJob = ci.jobs[name]
      expect(ciJob).toBeDefined()
      const { steps, ...rest } = job
      const { steps: ciSteps, ...ciRest } = ciJob ?? { steps: [] }
      expect(ciRest).toEqual(rest)
      const readmeSteps = steps.map(asRunByCi)
      expect(ciSteps.filter((s) => !s.name?.startsWith('CI: ')).map(ciStep)).toEqual(readmeSteps)
      // A README build step is an xcodebuild, stood in for by the package generator in CI.
      expect(steps.filter((s) => s.run?.includes('xcodebuild')).length).toBe(
        ciSteps.filter((s) => s.run?.includes('scripts/make-package.ts')).length,
      )
    }
  })
})

/** GNU-only forms that macOS's BSD tools refuse or read otherwise. */
const GNU_ONLY: [RegExp, string][] = [
  [/\bsed\s+-i\s+(?!'')(?!"")/, "sed -i without a suffix (macOS needs sed -i '')"],
  [/\bdate\b[^\n|;]*\s-d\b/, 'date -d'],
  [/\breadlink\s+-f\b/, 'readlink -f'],
  [/\bgrep\s+-\w*P/, 'grep -P'],
  [/\bxargs\s+-\w*r\b/, 'xargs -r'],
  [/\bstat\s+-c\b/, 'stat -c'],
  [/\bbase64\s+-w\b/, 'base64 -w'],
  [/\bsha256sum\b/, 'sha256sum (macOS has shasum -a 256)'],
  [/(^|\s)timeout\s+\d/, 'timeout'],
  [/--(?:in-place|date|reference)\b/, 'GNU long options'],
]

describe('examples that run on macOS', () => {
  const files = [...readFileSync('README.md', 'utf8').matchAll(/<!-- (?:example|workflow): ([^\s#]+)/g)].map(
    ([, file]) => file ?? '',
  )
  const macJobs = [...new Set([...files, ...fullWorkflows.map((w) => w.file)])].flatMap((file) =>
    Object.entries((parse(readFileSync(file, 'utf8')) as FullWorkflow).jobs)
      .filter(([, job]) => job['runs-on'].startsWith('macos'))
      .map(([name, job]) => [`${file}#${name}`, job] as const),
  )
  const readmeMacJobs = fullWorkflows.flatMap(({ file, workflow }) =>
    Object.entries(workflow.jobs)
      .filter(([, job]) => job['runs-on'].startsWith('macos'))
      .map(([name, job]) => [`README ${file}#${name}`, job] as const),
  )

  it.each([...macJobs, ...readmeMacJobs])('%s uses only commands macOS has', (_, job) => {
    const scripts = job.steps.map((s) => s.run ?? '').join('\n')
    expect(GNU_ONLY.filter(([pattern]) => pattern.test(scripts)).map(([, what]) => what)).toEqual([])
  })

  it('the check finds what it looks for', () => {
    const found = (script: string) => GNU_ONLY.filter(([pattern]) => pattern.test(script)).length
    expect(found("sed -i 's/a/b/' f")).toBe(1)
    expect(found("sed -i '' 's/a/b/' f")).toBe(0)
    expect(found("date -u -d 'next monday' +%F")).toBe(1)
    expect(found('date -u +%F')).toBe(0)
    expect(found('readlink -f x')).toBe(1)
    expect(found('sha256sum x')).toBe(1)
  })
})
