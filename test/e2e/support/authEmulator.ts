/** Out-of-band codes (verification and reset emails) the Auth emulator would have sent. */
interface OobCode {
  email: string;
  oobCode: string;
  requestType: 'VERIFY_EMAIL' | 'PASSWORD_RESET' | string;
}

const authHost = () => process.env.FIREBASE_AUTH_EMULATOR_HOST ?? '127.0.0.1:9099';
const projectId = () => process.env.GCLOUD_PROJECT ?? 'demo-hearth';

/** The newest code of that type sent to `email`; fails if none was sent. */
export async function latestOobCode(
  email: string,
  requestType: OobCode['requestType'],
): Promise<string> {
  const response = await fetch(`http://${authHost()}/emulator/v1/projects/${projectId()}/oobCodes`);
  if (!response.ok) throw new Error(`Auth emulator answered ${response.status} for oobCodes`);
  const { oobCodes } = (await response.json()) as { oobCodes: OobCode[] };
  const code = oobCodes.filter((c) => c.email === email && c.requestType === requestType).at(-1);
  if (!code) throw new Error(`No ${requestType} email was sent to ${email}`);
  return code.oobCode;
}
