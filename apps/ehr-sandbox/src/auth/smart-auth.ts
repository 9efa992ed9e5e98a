import { AccessTokens } from './access-tokens';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, type AuthSettings } from './auth-settings';
import { ClientRegistry } from './client-registry';

/** Token requests granted and refused, per client id (the one the request claimed), since start or reset. */
export type Counters = Record<string, number>;

/**
 * The sandbox's SMART Backend Services authorization server: switchable at run time, off by default so that
 * the FHIR base stays open for tests that are not about authorization.
 */
export class SmartAuth {
  readonly clients = new ClientRegistry();
  readonly tokens = new AccessTokens();
  private settings: AuthSettings;
  private issued: Counters = {};
  private refused: Counters = {};

  constructor(settings: Partial<AuthSettings> = {}) {
    this.settings = { enabled: false, tokenLifetimeSeconds: DEFAULT_TOKEN_LIFETIME_SECONDS, ...settings };
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  current(): AuthSettings {
    return { ...this.settings };
  }

  replace(settings: AuthSettings): void {
    this.settings = { ...settings };
  }

  countIssued(clientId: string): void {
    this.issued[clientId] = (this.issued[clientId] ?? 0) + 1;
  }

  countRefused(clientId: string): void {
    this.refused[clientId] = (this.refused[clientId] ?? 0) + 1;
  }

  resetCounters(): void {
    this.issued = {};
    this.refused = {};
  }

  /** `GET /$sandbox/auth`. */
  state(): AuthSettings & { clients: string[]; issued: Counters; refused: Counters } {
    return { ...this.settings, clients: this.clients.ids(), issued: { ...this.issued }, refused: { ...this.refused } };
  }
}
