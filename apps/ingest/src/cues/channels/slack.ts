import type { Cue, CueRequest } from './cue-request.js'

const MARK = {
  info: ':large_green_circle:',
  warning: ':large_orange_circle:',
  critical: ':red_circle:',
}

/**
 * A Slack incoming webhook: `text` is the notification's fallback, `blocks` the message (Block
 * Kit): the title linked to the rhythm's page, its reasons, and where it belongs.
 */
export function slackRequest(cue: Cue): CueRequest {
  const { title, url, reasons, rhythm } = cue.message
  const text = `${MARK[cue.severity]} ${title}`
  const blocks = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `${MARK[cue.severity]} *<${url}|${escape(title)}>*` },
    },
    ...(reasons.length > 0
      ? [
          {
            type: 'section',
            text: { type: 'mrkdwn', text: reasons.map((r) => `• ${escape(r)}`).join('\n') },
          },
        ]
      : []),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${rhythm.layer} · team ${escape(rhythm.team)} · ${escape(rhythm.organisation)} · ${cue.severity}`,
        },
      ],
    },
  ]
  return { body: JSON.stringify({ text, blocks }), headers: { 'content-type': 'application/json' } }
}

/** Slack's three control characters in mrkdwn. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
