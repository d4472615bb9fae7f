import { z } from '@hono/zod-openapi'
import { ROLES } from '../auth/roles.js'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/passwords.js'

// The contract of sign-in, accounts, tokens and the audit log.

export const RoleSchema = z.enum(ROLES).openapi('Role')

export const EmailSchema = z.email().max(320)
export const NewPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH)
const TeamIdsSchema = z.array(z.string().min(1).max(200)).max(500)

export const AccountSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    teams: z.array(z.string()),
    demo: z.boolean(),
    hasPassword: z.boolean(),
    createdAt: z.number(),
    disabledAt: z.number().nullable(),
  })
  .openapi('Account')

export const AccessSchema = z
  .object({
    actor: z.string(),
    role: RoleSchema,
    teams: z.array(z.string()).nullable().openapi({ description: 'null: every team' }),
    readOnly: z.boolean(),
    account: AccountSchema.optional(),
  })
  .openapi('Access')

export const LoginSchema = z
  .object({
    email: z.string().min(1).max(320),
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  })
  .strict()
  .openapi('Login')

export const NewAccountSchema = z
  .object({
    email: EmailSchema,
    name: z.string().trim().min(1).max(200),
    role: RoleSchema,
    teams: TeamIdsSchema.optional(),
    password: NewPasswordSchema.optional(),
  })
  .strict()
  .openapi('NewAccount')

export const AccountChangeSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: RoleSchema.optional(),
    teams: TeamIdsSchema.optional(),
    password: NewPasswordSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .openapi('AccountChange')

export const AccessTokenSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['kiosk', 'api']),
    name: z.string(),
    role: RoleSchema,
    teams: z.array(z.string()).nullable(),
    createdBy: z.string(),
    createdAt: z.number(),
    lastUsedAt: z.number().nullable(),
    revokedAt: z.number().nullable(),
  })
  .openapi('AccessToken')

export const NewAccessTokenSchema = z
  .object({
    kind: z.enum(['kiosk', 'api']),
    name: z.string().trim().min(1).max(200),
    teams: TeamIdsSchema.nullable()
      .optional()
      .openapi({ description: 'the teams it may see; omitted or null: all the creator may see' }),
    role: RoleSchema.optional().openapi({
      description:
        "an API token's role, at most the creator's (default viewer); kiosks are viewers",
    }),
  })
  .strict()
  .openapi('NewAccessToken')

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.number(),
    actor: z.string(),
    action: z.string(),
    target: z.string(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry')
