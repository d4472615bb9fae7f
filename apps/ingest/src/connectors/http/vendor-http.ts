import axios, { AxiosError } from 'axios'
import axiosRetry, { exponentialDelay, isNetworkError, retryAfter } from 'axios-retry'
import pLimit from 'p-limit'
import { RequestBudget } from './request-budget.js'
import { jsonArrayElements } from './json-array-elements.js'
import type {
  AxiosInstance,
  AxiosRequestConfig,
  AxiosResponse,
  AxiosResponseTransformer,
} from 'axios'
import type { Logger } from 'pino'

export interface RetryPolicy {
  /** Retries after the first attempt, for 429, 5xx, timeouts, network errors and broken JSON. */
  retries: number
  /** The first backoff; each retry doubles it, plus up to 20% jitter. */
  baseDelayMs: number
  /** No backoff is longer, unless the vendor's Retry-After asks for more (up to `maxRetryAfterMs`). */
  maxDelayMs: number
  /** A Retry-After longer than this is not waited for: the sync gives up and tries next time. */
  maxRetryAfterMs: number
  timeoutMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 180_000,
  timeoutMs: 30_000,
}

/** A vendor's published limits. */
export interface RequestLimits {
  /** Requests in flight at once (Autotask: 3 per endpoint). */
  concurrency?: number
  /** Requests in any rolling window (Datto: 600 per 60 s; Halo: 500 per 300 s). */
  window?: { requests: number; ms: number }
}

/** How a vendor authenticates: headers for each request; `invalidate` after a 401. */
export interface Credentials {
  headers(): Promise<Record<string, string>>
  invalidate(): void
}

export interface HttpStats {
  requests: number
  retries: number
}

/** A call that failed for good: says which request, how, and after how many retries. */
export class VendorHttpError extends Error {
  override readonly name = 'VendorHttpError'

  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message)
  }
}

export interface VendorHttp {
  /** Sends a request within the vendor's limits, with auth, retries and backoff. */
  request<T = unknown>(config: AxiosRequestConfig): Promise<AxiosResponse<T>>
  readonly stats: HttpStats
}

interface AttemptState {
  authRetried?: boolean
}

/**
 * The HTTP client every connector uses: axios with the vendor's base URL and credentials, its
 * rate limits, and retries with exponential backoff and jitter (axios-retry, which also honours
 * Retry-After). A 401 refreshes the credentials and retries once.
 */
export function createVendorHttp({
  vendor,
  baseURL,
  credentials,
  limits = {},
  policy: overrides = {},
  log,
}: {
  vendor: string
  baseURL?: string
  credentials?: Credentials
  limits?: RequestLimits
  policy?: Partial<RetryPolicy>
  log?: Logger
}): VendorHttp {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides }
  const stats: HttpStats = { requests: 0, retries: 0 }
  const client: AxiosInstance = axios.create({
    ...(baseURL === undefined ? {} : { baseURL }),
    timeout: policy.timeoutMs,
    headers: { Accept: 'application/json' },
    responseType: 'json',
    // A truncated or garbled body must fail (and be retried), not arrive as a string.
    transitional: { silentJSONParsing: false, forcedJSONParsing: true, clarifyTimeoutError: true },
  })
  const budget = limits.window ? new RequestBudget(limits.window.requests, limits.window.ms) : null
  const inFlight = pLimit(limits.concurrency ?? 4)

  client.interceptors.request.use(async (config) => {
    await budget?.take()
    stats.requests++
    if (credentials) config.headers.set(await credentials.headers())
    return config
  })
  axiosRetry(client, {
    retries: policy.retries,
    shouldResetTimeout: true,
    retryCondition: (error) => isTransient(error) && retryAfter(error) <= policy.maxRetryAfterMs,
    retryDelay: (attempt, error) =>
      Math.max(
        Math.min(exponentialDelay(attempt - 1, undefined, policy.baseDelayMs), policy.maxDelayMs),
        retryAfter(error),
      ),
    onRetry: (attempt, error, config) => {
      stats.retries++
      log?.warn(
        { vendor, url: config.url, attempt, status: error.response?.status, code: error.code },
        'vendor request failed; retrying',
      )
    },
  })
  client.interceptors.response.use(undefined, async (error: unknown) => {
    if (!(error instanceof AxiosError) || !error.config) throw error
    const state = ((error.config as { baton?: AttemptState }).baton ??= {})
    if (error.response?.status === 401 && credentials && !state.authRetried) {
      state.authRetried = true
      credentials.invalidate()
      return client.request(error.config)
    }
    throw error
  })

  return {
    stats,
    request: <T>(config: AxiosRequestConfig) =>
      inFlight(async () => {
        try {
          return await client.request<T>(config)
        } catch (error) {
          throw describeFailure(vendor, config, error)
        }
      }),
  }
}

const splitJsonArray: AxiosResponseTransformer = function (data: unknown, _headers, status) {
  const text = typeof data === 'string' ? data : String(data)
  // An error's body is only read for its message, and must not turn a 429 into broken JSON.
  if (status !== undefined && (status < 200 || status >= 300)) return jsonOrText(text)
  try {
    return jsonArrayElements(text)
  } catch (error) {
    // JSON of another shape is the vendor's answer, for the caller to refuse; only text that
    // is not JSON at all (a truncated body, an HTML error page) counts as broken.
    try {
      return JSON.parse(text) as unknown
    } catch {
      // Axios exposes the response on the config while it transforms; failing with it marks
      // the body as broken JSON of a good answer, which is retried like any other.
      const response = (this as { response?: AxiosResponse }).response
      throw AxiosError.from(error as Error, AxiosError.ERR_BAD_RESPONSE, this, null, response)
    }
  }
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * Request options for a list the vendor answers as a bare JSON array: `data` becomes the texts
 * of its elements (`RawJson[]`, see `jsonArrayElements`), so records keep the vendor's JSON
 * without serialising it again. JSON of another shape comes as parsed (the caller checks it);
 * a body that is not JSON is retried like any broken JSON.
 */
export const AS_JSON_ELEMENTS: Pick<AxiosRequestConfig, 'responseType' | 'transformResponse'> = {
  responseType: 'text',
  transformResponse: [splitJsonArray],
}

function isTransient(error: AxiosError): boolean {
  if (isNetworkError(error)) return true
  if (['ECONNABORTED', 'ETIMEDOUT', 'ECONNRESET', 'ERR_BAD_RESPONSE'].includes(error.code ?? '')) {
    return error.response === undefined || error.response.status >= 500 || isBrokenJson(error)
  }
  const status = error.response?.status
  return status === 429 || (status !== undefined && status >= 500)
}

function isBrokenJson(error: AxiosError): boolean {
  return error.response !== undefined && error.response.status < 300
}

function describeFailure(vendor: string, config: AxiosRequestConfig, error: unknown): Error {
  if (!(error instanceof AxiosError))
    return error instanceof Error ? error : new Error(String(error))
  const what = `${vendor}: ${(config.method ?? 'get').toUpperCase()} ${config.url ?? ''}`
  const attempts = (error.config?.['axios-retry']?.retryCount ?? 0) + 1
  const tries = attempts > 1 ? ` after ${attempts} attempts` : ''
  const status = error.response?.status
  let how: string
  if (status !== undefined && status < 300) how = `the response was not valid JSON`
  else if (status !== undefined) how = `${status} ${error.response?.statusText ?? ''}`.trim()
  else if (error.code === 'ETIMEDOUT' || error.code === 'ECONNABORTED') how = 'timed out'
  else how = error.message
  return new VendorHttpError(`${what}: ${how}${tries}`, status)
}
