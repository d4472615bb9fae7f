import { expect, it } from 'vitest'
import { DEMO_KIOSK_TOKEN } from './stack.js'
import { HD, screenshot } from './views.js'
import type { Views } from './views.js'

/**
 * Signing in, and what each sign-in may see: every page needs one; the sign-in page offers the
 * demo accounts; a section leader sees only their team; a kiosk URL signs a wall in without
 * keeping its token in the address; every page carries the security headers, and a form sent
 * from another site is refused.
 */
export function accessTests(views: Views): void {
  it('sends a signed-out visitor to sign in, then back to the page they asked for', async () => {
    const context = await views.stack.browser.newContext({ viewport: HD })
    const page = await context.newPage()
    try {
      await page.goto(`${views.stack.webUrl}/teams/service-desk?layer=note`)
      expect(new URL(page.url()).pathname).toBe('/login')
      await page.getByText('DEMO DATA').first().waitFor()
      await screenshot(page, 'login-1920x1080')
      await page.getByRole('button', { name: 'Sign in as Demo service desk lead' }).click()
      await page.waitForURL(`${views.stack.webUrl}/teams/service-desk?layer=note`)
      await page.locator('table.team-rhythms').waitFor()
      expect(await page.locator('.who').innerText()).toContain('section-leader · service-desk')
    } finally {
      await context.close()
    }
  })

  it('signs in through single sign-on and comes back to the page asked for', async () => {
    views.provider.user = {
      sub: 'conductor-at-contoso',
      name: 'Demo conductor',
      preferred_username: 'Conductor@demo.baton',
    }
    const context = await views.stack.browser.newContext({ viewport: HD })
    const page = await context.newPage()
    try {
      await page.goto(`${views.stack.webUrl}/teams/service-desk?layer=note`)
      const button = page.getByRole('link', { name: 'Sign in with Contoso' })
      await button.waitFor()
      await screenshot(page, 'login-single-sign-on-1920x1080')
      await button.click()
      await page.waitForURL(`${views.stack.webUrl}/teams/service-desk?layer=note`)
      await page.locator('table.team-rhythms').waitFor()
      expect(await page.locator('.who').innerText()).toContain('conductor')
      // Neither the code nor the state stays in the address or the history.
      expect(page.url()).not.toMatch(/code=|state=/)
      const cookies = await context.cookies()
      expect(cookies.find((c) => c.name === 'baton_token')).toMatchObject({
        httpOnly: true,
        sameSite: 'Lax',
      })
      expect(cookies.map((c) => c.name)).not.toContain('baton_sso')
    } finally {
      await context.close()
    }
  })

  it('says why single sign-on did not work: no account, or a return this browser did not begin', async () => {
    views.provider.user = {
      sub: 'stranger',
      name: 'Stranger',
      preferred_username: 'stranger@contoso.example',
    }
    const context = await views.stack.browser.newContext({ viewport: HD })
    const page = await context.newPage()
    try {
      await page.goto(`${views.stack.webUrl}/login`)
      await page.getByRole('link', { name: 'Sign in with Contoso' }).click()
      await page.waitForURL((url) => url.pathname === '/login')
      await expect
        .poll(() => page.locator('.refused').textContent())
        .toBe(
          'Single sign-on did not work: there is no Baton account for stranger@contoso.example; an owner adds it first.',
        )
      await screenshot(page, 'login-single-sign-on-refused')
      // A return link made in another browser (login CSRF) is refused before the service sees it.
      await page.goto(`${views.stack.webUrl}/login/sso/callback?code=theirs&state=theirs`)
      await expect
        .poll(() => page.locator('.refused').textContent())
        .toContain('this browser did not begin that sign-in')
      expect(await context.cookies().then((all) => all.map((c) => c.name))).not.toContain(
        'baton_token',
      )
    } finally {
      await context.close()
    }
  })

  it('refuses a wrong password and says so', async () => {
    const context = await views.stack.browser.newContext({ viewport: HD })
    const page = await context.newPage()
    try {
      await page.goto(`${views.stack.webUrl}/login`)
      await page.getByLabel('E-mail').fill('owner@demo.baton')
      await page.getByLabel('Password').fill('not the password')
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await expect
        .poll(() => page.locator('.refused').textContent())
        .toBe('Wrong e-mail or password.')
      expect(new URL(page.url()).pathname).toBe('/login')
    } finally {
      await context.close()
    }
  })

  it("shows a section leader only their team, and another team's pages as not found", async () => {
    const page = await views.stack.signedInPage(HD, 'lead@demo.baton')
    try {
      await page.goto(`${views.stack.webUrl}/`)
      expect(await page.locator('thead th a').allInnerTexts()).toEqual(['Service desk'])
      await screenshot(page, 'desk-section-leader-1920x1080')
      const response = await page.goto(`${views.stack.webUrl}/teams/infrastructure`)
      expect(response?.status()).toBe(404)
      const summary = await page.goto(`${views.stack.webUrl}/summary`)
      expect(summary?.status()).toBe(200)
      const teams = await page.locator('table').allInnerTexts()
      expect(teams.join('\n')).not.toMatch(/Infrastructure|Security|Account management/)
    } finally {
      await page.context().close()
    }
  })

  it('signs a wall in from a kiosk link, and takes the token out of the address at once', async () => {
    const context = await views.stack.browser.newContext({ viewport: HD })
    const page = await context.newPage()
    const seen: string[] = []
    page.on('request', (request) => seen.push(request.url()))
    try {
      await page.goto(`${views.stack.webUrl}/wall?kiosk=${DEMO_KIOSK_TOKEN}&rotate=30s`)
      expect(page.url()).toBe(`${views.stack.webUrl}/wall?rotate=30s`)
      await page.locator('.live-status .label', { hasText: 'Live' }).waitFor({ timeout: 10_000 })
      // Only the first request carried it; the cookie is out of the page's scripts' reach.
      expect(seen.filter((url) => url.includes(DEMO_KIOSK_TOKEN))).toHaveLength(1)
      const [cookie] = await context.cookies()
      expect(cookie).toMatchObject({ name: 'baton_token', httpOnly: true, sameSite: 'Lax' })
      expect(await page.evaluate(() => document.cookie)).toBe('')
    } finally {
      await context.close()
    }
  })

  it('sends the security headers, and refuses a form posted from another site', async () => {
    const page = await fetch(`${views.stack.webUrl}/login`)
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    const forged = await fetch(`${views.stack.webUrl}/logout`, {
      method: 'POST',
      headers: {
        origin: 'http://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `baton_token=${views.stack.ownerToken}`,
      },
      body: '',
      redirect: 'manual',
    })
    expect(forged.status).toBe(403)
    // The owner's session survived it.
    const me = await fetch(`${views.stack.apiUrl}/v1/auth/me`, {
      headers: { authorization: `Bearer ${views.stack.ownerToken}` },
    })
    expect(me.status).toBe(200)
  })

  it('offers no check-in to a viewer', async () => {
    const page = await views.stack.signedInPage(HD, 'viewer@demo.baton')
    try {
      // A rhythm people play, of the viewer's team: the owner gets the buttons here.
      await page.goto(`${views.stack.webUrl}/rhythms/acme-dr-drill`)
      await page.getByText('Check-ins need a section leader').waitFor()
      expect(await page.getByRole('button', { name: 'Done' }).count()).toBe(0)
    } finally {
      await page.context().close()
    }
  })
}
