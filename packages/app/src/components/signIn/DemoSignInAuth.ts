import {
  BackstageIdentityApi,
  BackstageIdentityResponse,
  createApiRef,
  DiscoveryApi,
  ProfileInfo,
  ProfileInfoApi,
  SessionApi,
  SessionState,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { SessionStates } from './SessionStates';

type RefreshAnswer = {
  profile?: ProfileInfo;
  backstageIdentity: Omit<BackstageIdentityResponse, 'expiresAt'> & {
    expiresInSeconds?: number;
  };
};

/**
 * DEMO ONLY: signs in through one of the backend's credential-less providers (`guest`, and the demo's second
 * person, `colleague`): `GET /api/auth/<provider>/refresh` answers the identity and its token. Used by the sign-in
 * page so the demo can have two people (one requests a champion move, the other approves it).
 */
export class DemoSignInAuth
  implements BackstageIdentityApi, ProfileInfoApi, SessionApi
{
  private session?: RefreshAnswer & { expiresAt?: number };
  private readonly state = new SessionStates();

  constructor(
    private readonly provider: string,
    private readonly discovery: DiscoveryApi,
  ) {}

  async getBackstageIdentity(): Promise<BackstageIdentityResponse> {
    const session = await this.refreshed();
    return {
      token: session.backstageIdentity.token,
      identity: session.backstageIdentity.identity,
      ...(session.expiresAt ? { expiresAt: new Date(session.expiresAt) } : {}),
    };
  }

  async getProfile(): Promise<ProfileInfo | undefined> {
    return (await this.refreshed()).profile;
  }

  async signIn(): Promise<void> {
    await this.refreshed();
  }

  async signOut(): Promise<void> {
    this.session = undefined;
    this.state.set(SessionState.SignedOut);
  }

  sessionState$() {
    return this.state;
  }

  /** The session, refreshed when it is missing or within a minute of expiring. */
  private async refreshed() {
    if (
      this.session?.expiresAt &&
      this.session.expiresAt - 60_000 > Date.now()
    ) {
      return this.session;
    }
    const base = await this.discovery.getBaseUrl('auth');
    const response = await fetch(`${base}/${this.provider}/refresh`, {
      credentials: 'include',
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const answer = (await response.json()) as RefreshAnswer;
    const seconds = answer.backstageIdentity.expiresInSeconds;
    this.session = {
      ...answer,
      expiresAt: seconds ? Date.now() + seconds * 1000 : undefined,
    };
    this.state.set(SessionState.SignedIn);
    return this.session;
  }
}

/** Amira Haddad of Fraud ML: the demo's guest (`auth.providers.guest`). */
export const demoGuestAuthApiRef = createApiRef<
  BackstageIdentityApi & ProfileInfoApi & SessionApi
>({ id: 'mlops-portal.auth.demo-guest' });

/** Jonas Berg of Fraud ML: the demo's second person (`auth.providers.colleague`). */
export const demoColleagueAuthApiRef = createApiRef<
  BackstageIdentityApi & ProfileInfoApi & SessionApi
>({ id: 'mlops-portal.auth.demo-colleague' });
