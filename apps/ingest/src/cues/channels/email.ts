import type { Cue } from './cue-request.js'

export interface CueMail {
  subject: string
  text: string
  html: string
}

const COLOUR = { info: '#1a7f37', warning: '#9a6700', critical: '#cf222e' } as const

/** A cue as an e-mail: the title as subject, the reasons, and the link, in text and in HTML. */
export function cueMail(cue: Cue): CueMail {
  const { title, url, reasons, rhythm } = cue.message
  const where = `${rhythm.layer} · team ${rhythm.team} · ${rhythm.organisation} · ${cue.severity}`
  const text = [title, '', ...reasons.map((reason) => `- ${reason}`), '', where, url, ''].join('\n')
  const html = `<!doctype html>
<html><body style="font-family: system-ui, sans-serif; color: #1f2328">
<h2 style="color: ${COLOUR[cue.severity]}; margin: 0 0 12px">${escapeHtml(title)}</h2>
${reasons.length > 0 ? `<ul>${reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul>` : ''}
<p style="color: #59636e">${escapeHtml(where)}</p>
<p><a href="${escapeHtml(url)}">Open in Baton</a></p>
</body></html>
`
  return { subject: title, text, html }
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
