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
