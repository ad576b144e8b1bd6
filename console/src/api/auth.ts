/**
 * The Auth emulator's users through the Identity Toolkit admin REST API (`Bearer owner`) and the
 * emulator's own `DELETE /emulator/v1/projects/{p}/accounts`, as Google's Emulator UI uses them.
 */
import { ADMIN_HEADERS, requestJson } from './http';

export interface AuthUser {
  localId: string;
  email?: string;
  displayName?: string;
  photoUrl?: string;
  phoneNumber?: string;
  emailVerified?: boolean;
  disabled?: boolean;
  /** The custom claims, as a JSON string. */
  customAttributes?: string;
  /** Milliseconds since the epoch, as decimal strings. */
  createdAt?: string;
  lastLoginAt?: string;
  providerUserInfo?: { providerId: string; email?: string }[];
}

export interface NewUser {
  email?: string;
  password?: string;
  displayName?: string;
  customAttributes?: string;
}

export interface UserChange {
  displayName?: string;
  email?: string;
  customAttributes?: string;
  disableUser?: boolean;
}

export class AuthApi {
  constructor(
    readonly origin: string,
    readonly projectId: string,
  ) {}

  private get base(): string {
    return `${this.origin}/identitytoolkit.googleapis.com/v1/projects/${this.projectId}`;
  }

  async list(): Promise<AuthUser[]> {
    const { userInfo = [] } = await requestJson<{ userInfo?: AuthUser[] }>(
      `${this.base}/accounts:query`,
      { body: { returnUserInfo: true }, headers: ADMIN_HEADERS },
    );
    return userInfo;
  }

  async create(user: NewUser): Promise<string> {
    const { localId } = await requestJson<{ localId: string }>(`${this.base}/accounts`, {
      body: user,
      headers: ADMIN_HEADERS,
    });
    return localId;
  }

  async update(localId: string, change: UserChange): Promise<void> {
    await requestJson(`${this.base}/accounts:update`, {
      body: { localId, ...change },
      headers: ADMIN_HEADERS,
    });
  }

  async remove(localId: string): Promise<void> {
    await requestJson(`${this.base}/accounts:delete`, {
      body: { localId },
      headers: ADMIN_HEADERS,
    });
  }

  async clear(): Promise<void> {
    await requestJson(`${this.origin}/emulator/v1/projects/${this.projectId}/accounts`, {
      method: 'DELETE',
    });
  }
}
