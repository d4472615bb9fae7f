import { evaluate } from '@baton/cadence'
import { deriveBeats } from '../../beats/derive-beats.js'
import { usesDeviceRoster } from '../../beats/rhythm-source.js'
import { LAYER_WINDOWS_MS } from '../../evaluation/windows.js'
import type { Beat, Evaluation, RhythmSpec, Trigger } from '@baton/cadence'
import type { RhythmFeed } from '../../beats/rhythm-source.js'
import type { Score, ScoreRhythm } from '../../score/score-schema.js'
import type { FakeSink } from './fake-sink.js'

/**
 * Judges every rhythm of `score` at `now` from what the demo gave `sink`, as the service would:
 * beats derived from the records, rosters from the device lists, silence from sync freshness.
 */
export function evaluateDemo(score: Score, sink: FakeSink, now: number): Map<string, Evaluation> {
  const feeds: RhythmFeed[] = score.rhythms
    .filter((rhythm) => rhythm.source.kind !== 'manual')
    .map((rhythm) => ({
      id: rhythm.id,
      organisationId: rhythm.organisation,
      cadenceKind: rhythm.cadence.kind,
      source: rhythm.source,
    }))
  const beats = new Map<string, Map<string, Beat>>()
  const triggers = new Map<string, Map<string, Trigger>>()
  const add = <T>(groups: Map<string, Map<string, T>>, rhythm: string, key: string, item: T) => {
    if (!groups.has(rhythm)) groups.set(rhythm, new Map())
    groups.get(rhythm)!.set(key, item)
  }
  for (const batch of sink.batches) {
    const derived = deriveBeats(batch.integrationId, batch.records, feeds)
    for (const beat of derived.beats) {
      const { at, ok } = beat
      const played: Beat = { at, ok, ...(beat.player ? { player: beat.player } : {}) }
      if (beat.key) played.key = beat.key
      // Storage keeps the first beat per idempotency key, as insertBeats does.
      if (!beats.get(beat.rhythmId)?.has(beat.idempotencyKey)) {
        add(beats, beat.rhythmId, beat.idempotencyKey, played)
      }
    }
    for (const trigger of derived.triggers) {
      const opened: Trigger = { key: trigger.key, at: trigger.at }
      if (trigger.targetMs !== null) opened.targetMs = trigger.targetMs
      add(triggers, trigger.rhythmId, trigger.key, opened)
    }
  }
  for (const beat of sink.beats) {
    const key = beat.idempotencyKey ?? `${beat.rhythmId}:${beat.at}`
    add(beats, beat.rhythmId, key, { at: beat.at, ok: beat.ok })
  }
  const devices = new Map<string, string[]>()
  for (const record of sink.records()) {
    if (record.kind !== 'player' || !record.active) continue
    devices.set(record.organisationId, [...(devices.get(record.organisationId) ?? []), record.key])
  }
  const evaluations = new Map<string, Evaluation>()
  for (const rhythm of score.rhythms) {
    const input = {
      beats: [...(beats.get(rhythm.id)?.values() ?? [])].filter((beat) => beat.at <= now),
      triggers: [...(triggers.get(rhythm.id)?.values() ?? [])].filter((t) => t.at <= now),
      ...(usesDeviceRoster(rhythm.source)
        ? { roster: devices.get(rhythm.organisation) ?? [] }
        : {}),
    }
    const range = {
      from: now - LAYER_WINDOWS_MS[rhythm.layer],
      now,
      signal: signalOf(score, sink, rhythm, now),
    }
    evaluations.set(rhythm.id, evaluate(specOf(score, rhythm), input, range))
  }
  return evaluations
}

function specOf(score: Score, rhythm: ScoreRhythm): RhythmSpec {
  const rests = score.rests.filter(
    ({ scope }) =>
      (scope.rhythm ?? rhythm.id) === rhythm.id &&
      (scope.organisation ?? rhythm.organisation) === rhythm.organisation &&
      (scope.team ?? rhythm.team) === rhythm.team,
  )
  return {
    id: rhythm.id,
    layer: rhythm.layer,
    cadence: rhythm.cadence,
    target: rhythm.target,
    critical: rhythm.critical,
    rests: rests.map(({ from, to }) => ({ from, to })),
  }
}

function signalOf(
  score: Score,
  sink: FakeSink,
  rhythm: ScoreRhythm,
  now: number,
): 'live' | 'stale' {
  if (rhythm.source.kind === 'manual' || !rhythm.source.integration) return 'live'
  const named = rhythm.source.integration
  const integration = score.integrations.find((candidate) => candidate.id === named)
  const lastSuccess = Math.max(
    ...sink.syncRuns
      .filter((run) => run.integrationId === integration?.id && run.status === 'succeeded')
      .filter((run) => run.finishedAt <= now)
      .map((run) => run.finishedAt),
  )
  const limit = rhythm.freshnessMs ?? integration?.freshnessMs ?? Infinity
  return now - lastSuccess <= limit ? 'live' : 'stale'
}
