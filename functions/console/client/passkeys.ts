// Passkeys in the page: "Sign in with a passkey" on the sign-in view, and, once signed in, the
// volunteer's own passkeys (add one on this device, remove one). The browser's WebAuthn does the work;
// this turns the server's base64url fields into bytes and the device's answer back.
import type {
  Me,
  PasskeyCreationOptions,
  PasskeyList,
  PasskeyResponse,
  SignInOptions,
} from '../../../shared/console/api.js';
import { ApiFailure, byId, errorText, get, post, setStatus } from './api.js';
import { belgradeTime, t } from './i18n.js';

const bytes = (value: string): ArrayBuffer => {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out.buffer;
};

const text = (buffer: ArrayBuffer | null | undefined): string | undefined => {
  if (!buffer) return undefined;
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** WebAuthn needs a secure context and a host name (a passkey's site cannot be an address like 127.0.0.1). */
export function passkeysWork(): boolean {
  const host = location.hostname;
  const address = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':') || host.startsWith('[');
  return 'PublicKeyCredential' in window && window.isSecureContext && !address;
}

/** The same console by name, for a local run opened at 127.0.0.1 (where passkeys cannot work). */
function localhostHint(): string | undefined {
  return /^127\./.test(location.hostname) && 'PublicKeyCredential' in window
    ? `${location.protocol}//localhost${location.port ? `:${location.port}` : ''}${location.pathname}`
    : undefined;
}

/** Refusals, cancels and time-outs all arrive as a DOMException named NotAllowedError. */
const cancelled = (error: unknown) =>
  error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'AbortError');

export async function signInWithPasskey(): Promise<Me | undefined> {
  const options = await post<SignInOptions>('/console/api/sign-in/passkey/options');
  let credential: PublicKeyCredential;
  try {
    credential = (await navigator.credentials.get({
      publicKey: {
        challenge: bytes(options.challenge),
        rpId: options.rpId,
        userVerification: options.userVerification,
        timeout: options.timeout,
      },
    })) as PublicKeyCredential;
  } catch (error) {
    setStatus(cancelled(error) ? t('passkeyCancelled') : t('passkeyFailed'));
    return undefined;
  }
  const response = credential.response as AuthenticatorAssertionResponse;
  const answer: PasskeyResponse = {
    id: credential.id,
    response: {
      clientDataJSON: text(response.clientDataJSON) ?? '',
      authenticatorData: text(response.authenticatorData) ?? '',
      signature: text(response.signature) ?? '',
      ...(response.userHandle ? { userHandle: text(response.userHandle) ?? '' } : {}),
    },
  };
  try {
    return await post<Me>('/console/api/sign-in/passkey', answer);
  } catch (error) {
    setStatus(error instanceof ApiFailure && error.status === 401 ? t('passkeyRefused') : errorText(error));
    return undefined;
  }
}

/** The sign-in view's button, shown where passkeys can work. */
export function initPasskeySignIn(enter: (me: Me) => void): void {
  const hint = localhostHint();
  if (hint) {
    const link = byId<HTMLAnchorElement>('passkey-localhost');
    link.href = hint;
    link.textContent = hint;
    byId('passkey-localhost-hint').hidden = false;
  }
  if (!passkeysWork()) return;
  byId('passkey-sign-in').hidden = false;
  const button = byId<HTMLButtonElement>('passkey-button');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const me = await signInWithPasskey();
      if (me) {
        setStatus('');
        enter(me);
      }
    } catch (error) {
      setStatus(errorText(error));
    } finally {
      button.disabled = false;
    }
  });
}

function render(list: PasskeyList): void {
  const items = byId('passkey-list');
  items.replaceChildren();
  for (const passkey of list.passkeys) {
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = t(passkey.synced ? 'passkeySynced' : 'passkeyDevice', {
      added: belgradeTime(passkey.createdAt),
    });
    if (passkey.lastUsedAt) {
      const used = document.createElement('span');
      used.className = 'hint';
      used.textContent = ` · ${t('passkeyUsed', { used: belgradeTime(passkey.lastUsedAt) })}`;
      label.append(used);
    }
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'link';
    remove.textContent = t('passkeyRemove');
    remove.addEventListener('click', async () => {
      remove.disabled = true;
      try {
        render(await post<PasskeyList>(`/console/api/passkeys/${encodeURIComponent(passkey.id)}/remove`));
        setStatus(t('passkeyRemoved'));
      } catch (error) {
        remove.disabled = false;
        setStatus(errorText(error));
      }
    });
    item.append(label, ' ', remove);
    items.append(item);
  }
  byId('passkey-none').hidden = list.passkeys.length > 0;
  byId<HTMLButtonElement>('add-passkey').disabled = list.passkeys.length >= list.limit;
}

async function addPasskey(): Promise<void> {
  const options = await post<PasskeyCreationOptions>('/console/api/passkeys/options');
  let credential: PublicKeyCredential;
  try {
    credential = (await navigator.credentials.create({
      publicKey: {
        challenge: bytes(options.challenge),
        rp: options.rp,
        user: { ...options.user, id: bytes(options.user.id) },
        pubKeyCredParams: options.pubKeyCredParams,
        authenticatorSelection: options.authenticatorSelection,
        attestation: options.attestation,
        excludeCredentials: options.excludeCredentials.map((c) => ({ type: c.type, id: bytes(c.id) })),
        timeout: options.timeout,
      },
    })) as PublicKeyCredential;
  } catch (error) {
    setStatus(
      error instanceof DOMException && error.name === 'InvalidStateError'
        ? t('passkeyHere')
        : cancelled(error)
          ? t('passkeyCancelled')
          : t('passkeyFailed'),
    );
    return;
  }
  const response = credential.response as AuthenticatorAttestationResponse;
  render(
    await post<PasskeyList>('/console/api/passkeys', {
      id: credential.id,
      response: {
        clientDataJSON: text(response.clientDataJSON) ?? '',
        attestationObject: text(response.attestationObject) ?? '',
      },
    } satisfies PasskeyResponse),
  );
  setStatus(t('passkeyAdded'));
}

/** The signed-in volunteer's passkeys, in the cases view. */
export function initPasskeys(): void {
  const button = byId<HTMLButtonElement>('add-passkey');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await addPasskey();
    } catch (error) {
      setStatus(errorText(error));
    } finally {
      button.disabled = false;
    }
  });
}

export async function showPasskeys(): Promise<void> {
  byId('passkeys').hidden = !passkeysWork();
  if (!passkeysWork()) return;
  try {
    render(await get<PasskeyList>('/console/api/passkeys'));
  } catch (error) {
    setStatus(errorText(error));
  }
}

/** Signed out: nothing of the last volunteer's passkeys stays on the page. */
export function resetPasskeys(): void {
  byId<HTMLDetailsElement>('passkeys').open = false;
  byId('passkey-list').replaceChildren();
}
