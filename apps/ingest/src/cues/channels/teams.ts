import type { Cue, CueRequest } from './cue-request.js'

const COLOUR = { info: 'Good', warning: 'Warning', critical: 'Attention' } as const

/**
 * A Microsoft Teams incoming webhook (a Workflows "post to a channel when a webhook request is
 * received" flow, or a classic connector): a message with one Adaptive Card, its title in the
 * severity's colour, the reasons, the rhythm's facts and a button to its page.
 */
export function teamsRequest(cue: Cue): CueRequest {
  const { title, url, reasons, rhythm } = cue.message
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      {
        type: 'TextBlock',
        text: title,
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
        color: COLOUR[cue.severity],
      },
      ...reasons.map((reason) => ({
        type: 'TextBlock',
        text: reason,
        wrap: true,
        spacing: 'Small',
      })),
      {
        type: 'FactSet',
        facts: [
          { title: 'Layer', value: rhythm.layer },
          { title: 'Team', value: rhythm.team },
          { title: 'Client', value: rhythm.organisation },
          { title: 'Severity', value: cue.severity },
        ],
      },
    ],
    actions: [{ type: 'Action.OpenUrl', title: 'Open in Baton', url }],
  }
  return {
    body: JSON.stringify({
      type: 'message',
      attachments: [
        { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card },
      ],
    }),
    headers: { 'content-type': 'application/json' },
  }
}
