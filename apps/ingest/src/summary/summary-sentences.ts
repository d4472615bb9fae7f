import { percent } from '@baton/cadence'
import { monthName, shiftMonth } from './month-range.js'
import type { Layer } from '@baton/cadence'
import type { Group, MonthlySummary, RhythmMonth } from './types.js'

/** What the sentences are written from: the summary's figures, never canned text. */
export type SentenceFacts = Pick<
  MonthlySummary,
  'month' | 'partial' | 'overall' | 'layers' | 'teams' | 'drifted' | 'held'
>

const LAYER_LABELS: Readonly<Record<Layer, string>> = {
  note: 'Reactive rhythms (note)',
  measure: 'Daily rhythms (measure)',
  phrase: 'Weekly rhythms (phrase)',
  section: 'Monthly rhythms (section)',
  movement: 'Quarterly rhythms (movement)',
  piece: 'Yearly rhythms (piece)',
  portfolio: 'Five-year rhythms (portfolio)',
}

// An owner reads a handful of sentences; the lists below them hold the rest. Movers are named
// up to two of the layers and two of the teams.
const MOVERS_EACH = 2
const DRIFTED_NAMED = 3
const NAMES_LISTED = 3
/** A move of less than two points is noise in a month of pooled slots. */
const MIN_MOVE = 0.02

/**
 * A few plain sentences on what happened: the month overall, the layers and teams that moved
 * most, what drifted and what held.
 */
export function summarySentences(facts: SentenceFacts): string[] {
  const previousName = monthName(shiftMonth(facts.month, -1))
  const sentences = [overallSentence(facts, previousName)]
  for (const mover of movers(facts)) {
    const { label, group } = mover
    sentences.push(
      `${label}: ${percent(group.adherence!)} on time, ${comparedWith(group, previousName)}.`,
    )
  }
  for (const rhythm of facts.drifted.slice(0, DRIFTED_NAMED)) sentences.push(driftSentence(rhythm))
  const more = facts.drifted.slice(DRIFTED_NAMED)
  if (more.length > 0) sentences.push(`Also drifting: ${listNames(more.map((r) => r.name))}.`)
  const judged = facts.layers.reduce((sum, layer) => sum + layer.tight + layer.drifting, 0)
  if (facts.drifted.length === 0 && judged > 0) {
    sentences.push(facts.partial ? 'Every rhythm has kept time so far.' : 'Every rhythm kept time.')
  }
  if (facts.held.length > 0) {
    const names = listNames(facts.held.map((r) => r.name))
    sentences.push(`${names} held ${facts.partial ? 'so far this month' : 'all month'}.`)
  }
  return sentences.map(capitalise)
}

function overallSentence(facts: SentenceFacts, previousName: string): string {
  const { overall } = facts
  const when = facts.partial
    ? `So far in ${monthName(facts.month)}`
    : `In ${monthName(facts.month)}`
  if (overall.adherence === null) return `${when}, no beat was due.`
  const rhythms = facts.layers.reduce((sum, layer) => sum + layer.rhythms, 0)
  const compared = overall.previous ? `, ${comparedWith(overall, previousName)}` : ''
  return (
    `${when}, ${percent(overall.adherence)} of ${count(overall.expected, 'expected beat')} ` +
    `landed on time across ${count(rhythms, 'rhythm')}${compared}.`
  )
}

function comparedWith(
  figures: { adherence: number | null; previous: { adherence: number | null } | null },
  previousName: string,
): string {
  const now = percent(figures.adherence!)
  const before = percent(figures.previous!.adherence!)
  if (now === before) return `level with ${previousName}`
  const direction = figures.adherence! > figures.previous!.adherence! ? 'up' : 'down'
  return `${direction} from ${before} in ${previousName}`
}

// A group that holds every rhythm says no more than the overall sentence, so it is left out.
function movers(facts: SentenceFacts): Array<{ label: string; group: Group }> {
  const rhythms = facts.layers.reduce((sum, layer) => sum + layer.rhythms, 0)
  const biggest = (groups: Array<{ label: string; group: Group }>) =>
    groups
      .filter(
        ({ group }) =>
          group.rhythms < rhythms && group.change !== null && Math.abs(group.change) >= MIN_MOVE,
      )
      .sort((a, b) => Math.abs(b.group.change!) - Math.abs(a.group.change!))
      .slice(0, MOVERS_EACH)
  return [
    ...biggest(facts.layers.map((layer) => ({ label: LAYER_LABELS[layer.layer], group: layer }))),
    ...biggest(facts.teams.map((team) => ({ label: team.name, group: team }))),
  ]
}

function driftSentence(rhythm: RhythmMonth): string {
  const { counts, adherence, target, beatNoun } = rhythm
  if (adherence === null || adherence >= target) {
    const reason = rhythm.reasons[0]?.message ?? 'off the beat'
    return `${rhythm.name} is drifting: ${reason}.`
  }
  const off = (['missed', 'failed', 'late'] as const).filter((outcome) => counts[outcome] > 0)
  if (counts.expected === 1)
    return `${rhythm.name} slipped: its one ${singular(beatNoun)} was ${off[0]}.`
  const what =
    off.length === 1
      ? off[0]
      : `not on time (${off.map((outcome) => `${counts[outcome]} ${outcome}`).join(', ')})`
  const share = `${counts.expected - counts.onTime} of ${counts.expected} ${beatNoun}`
  return `${rhythm.name} slipped: ${share} ${what}.`
}

/** "A", "A and B", "A, B and C", or past three "A, B, C and 4 more". */
function listNames(names: readonly string[]): string {
  if (names.length === 1) return names[0]!
  if (names.length <= NAMES_LISTED) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
  return `${names.slice(0, NAMES_LISTED).join(', ')} and ${names.length - NAMES_LISTED} more`
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
}

function singular(noun: string): string {
  return noun.endsWith('s') ? noun.slice(0, -1) : noun
}

function capitalise(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1)
}
