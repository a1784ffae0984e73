// The typed API client: openapi-fetch over the types generated from the service's own OpenAPI document
// (schema.d.ts). The session token is kept in this tab's sessionStorage, so a reload keeps the person signed in and
// closing the tab ends the session; never in localStorage (shared by every tab, kept for ever) nor a cookie (sent by
// the browser on its own, which would need CSRF defences). The Content-Security-Policy admits no script but the
// exchange's own, which is what keeps the token from injected scripts.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** An application/problem+json answer, as every refusal of the API is. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  field?: string;
  errors?: { message: string; field?: string }[];
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
}

const TOKEN_KEY = 'exchange.session';

function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // Storage off: the session lasts as long as the page.
  }
}

let token: string | null = storedToken();
let onSessionLost: () => void = () => {};

export function setSessionToken(value: string | null): void {
  token = value;
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage off: kept in memory only.
  }
}
export function hasSessionToken(): boolean {
  return token !== null;
}
/** The Authorization header for the few requests openapi-fetch cannot make (an upload whose progress is shown). */
export function authorizationHeader(): string | null {
  return token ? `Bearer ${token}` : null;
}
export function whenSessionLost(listener: () => void): void {
  onSessionLost = listener;
}

const bearer: Middleware = {
  onRequest({ request }) {
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    // A token that expired while the page was open: sign the person out instead of showing raw 401s.
    if (response.status === 401 && request.headers.has('Authorization')) {
      setSessionToken(null);
      onSessionLost();
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(bearer);

function toProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'status' in error && 'title' in error) {
    return error as Problem;
  }
  return {
    title: response.statusText || 'Error',
    status: response.status,
    detail: typeof error === 'string' && error ? error : undefined,
  };
}

/** Awaits an openapi-fetch call and answers its data, or throws an ApiError carrying the problem. */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok || error !== undefined) {
    throw new ApiError(toProblem(error, response));
  }
  return data as T;
}

// --- Calls the OpenAPI document does not describe yet, typed by hand ---

/** The login answer of Micronaut Security (POST /api/auth/login). */
export interface LoginAnswer {
  access_token: string;
  token_type?: string;
  expires_in?: number;
  username: string;
  roles: string[];
}

export async function login(username: string, password: string): Promise<LoginAnswer> {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) {
    let problem: Problem = { title: response.statusText, status: response.status };
    try {
      problem = { ...problem, ...(await response.json()) };
    } catch {
      // An empty body: keep the status line.
    }
    throw new ApiError(problem);
  }
  return (await response.json()) as LoginAnswer;
}
