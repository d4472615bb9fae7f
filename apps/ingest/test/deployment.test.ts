import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// No Docker engine runs here, so this checks what can be checked without one: the compose file
// parses and names only images, Dockerfiles and files that exist, and every file a Dockerfile
// copies, package it builds and program it starts is in the repository (after `pnpm build`,
// which the test command runs first).

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

interface Instruction {
  keyword: string
  args: string
}

/** A Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(path: string): Instruction[] {
  const joined = read(path)
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/)
      return { keyword: keyword!.toUpperCase(), args: rest.join(' ') }
    })
}

const DOCKERFILES = ['docker/ingest.Dockerfile', 'docker/dashboard.Dockerfile']
const PACKAGES: Record<string, string> = {
  '@baton/ingest': 'apps/ingest',
  '@baton/dashboard': 'apps/dashboard',
  '@baton/cadence': 'packages/cadence',
}

describe.each(DOCKERFILES)('%s', (dockerfile) => {
  const steps = instructions(dockerfile)
  const stages = steps
    .filter((step) => step.keyword === 'FROM')
    .map((step) => / AS (\S+)$/i.exec(step.args)?.[1])

  it('builds in stages and runs as an unprivileged user, with a health check', () => {
    expect(stages).toEqual(['base', 'build', 'prod-deps', 'runtime'])
    const runtime = steps.slice(steps.findLastIndex((step) => step.keyword === 'FROM'))
    expect(runtime.find((step) => step.keyword === 'USER')?.args).toBe('node')
    expect(runtime.some((step) => step.keyword === 'HEALTHCHECK')).toBe(true)
  })

  it('copies only files that exist, from stages it declares', () => {
    for (const { keyword, args } of steps.filter((step) => step.keyword === 'COPY')) {
      const words = args.split(/\s+/)
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length)
      const paths = words.filter((word) => !word.startsWith('--'))
      const sources = paths.slice(0, -1)
      if (from) {
        expect(stages, `${keyword} ${args}`).toContain(from)
        // Files of a stage: the repository's own, built or installed (`pnpm build` ran).
        for (const source of sources) {
          expect(existsSync(join(ROOT, source.replace(/^\/app\//, ''))), source).toBe(true)
        }
      } else {
        for (const source of sources) expect(existsSync(join(ROOT, source)), source).toBe(true)
      }
    }
  })

  it('runs only package scripts and programs that exist', () => {
    for (const { args } of steps.filter((step) => step.keyword === 'RUN')) {
      for (const [, name, script] of args.matchAll(/pnpm --filter (\S+?)\.\.\. (\w+)/g)) {
        const manifest = JSON.parse(read(`${PACKAGES[name!]}/package.json`)) as {
          scripts: Record<string, string>
        }
        expect(manifest.scripts, `${name} ${script}`).toHaveProperty(script!)
      }
      for (const [, name] of args.matchAll(/--filter (\S+?)\.\.\./g)) {
        expect(Object.keys(PACKAGES)).toContain(name)
      }
    }
    const cmd = steps.findLast((step) => step.keyword === 'CMD')!
    const program = (JSON.parse(cmd.args) as string[]).find((word) => word.endsWith('.js'))!
    expect(existsSync(join(ROOT, program)), program).toBe(true)
  })
})

describe('docker/compose.yaml', () => {
  const compose = parse(read('docker/compose.yaml')) as {
    services: Record<
      string,
      {
        image?: string
        build?: { context: string; dockerfile: string }
        volumes?: string[]
        environment?: Record<string, string>
      }
    >
    volumes: Record<string, unknown>
  }

  it('runs PostgreSQL, the ingest service and the dashboard, with a named volume', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['dashboard', 'ingest', 'postgres'])
    expect(compose.services.postgres!.image).toMatch(/^postgres:\d+/)
    expect(Object.keys(compose.volumes)).toEqual(['pgdata'])
    expect(compose.services.postgres!.volumes).toContain('pgdata:/var/lib/postgresql/data')
  })

  it('builds each app from a Dockerfile that exists, with the repository as context', () => {
    for (const name of ['ingest', 'dashboard']) {
      const build = compose.services[name]!.build!
      expect(join(ROOT, 'docker', build.context)).toBe(ROOT.replace(/\/$/, ''))
      expect(existsSync(join(ROOT, build.dockerfile)), build.dockerfile).toBe(true)
    }
  })

  it('needs a database password and a secret key, and names only variables Baton reads', () => {
    const ingest = compose.services.ingest!.environment!
    expect(ingest.DATABASE_URL).toMatch(/^postgres:\/\/baton:\$\{POSTGRES_PASSWORD\}@postgres:5432/)
    expect(ingest.BATON_SECRET_KEY).toMatch(/^\$\{BATON_SECRET_KEY:\?/)
    const readme = read('README.md')
    for (const service of ['ingest', 'dashboard']) {
      for (const variable of Object.keys(compose.services[service]!.environment!)) {
        expect(readme, `${variable} is documented`).toContain(`\`${variable}\``)
      }
    }
  })
})
