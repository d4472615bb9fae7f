// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string
      /** What to do about it, when we know. */
      hint?: string
    }
    interface Locals {
      /** The session or kiosk token from the sign-in cookie; every call to the API carries it. */
      token: string | undefined
    }
  }
}

export {}
