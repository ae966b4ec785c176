import { proxyLoginForms, secretForms } from './secret-forms.js';

/**
 * The secrets of this process: every form of each one is told to the runner (`core.setSecret`,
 * which masks it in the log) and kept, longest first, for scrubbing messages that leave the log
 * (the `error` output, issue bodies). `runAction` installs the runner's `setSecret`; secrets that
 * only appear at run time (proxy passwords fetched from WebShare) are added where they are fetched.
 */
class SecretMask {
  #mask: (value: string) => void = () => undefined;
  #known: string[] = [];

  /** Starts over with `mask` as the runner's `setSecret`. */
  reset(mask: (value: string) => void): void {
    this.#mask = mask;
    this.#known = [];
  }

  /** Masks each form not masked yet. */
  add(forms: readonly string[]): void {
    const fresh = forms.filter((form) => !this.#known.includes(form));
    if (fresh.length === 0) return;
    for (const form of fresh) this.#mask(form);
    this.#known = [...this.#known, ...fresh].sort((a, b) => b.length - a.length);
  }

  /** Every form masked so far, longest first. */
  get known(): readonly string[] {
    return this.#known;
  }
}

const mask = new SecretMask();

/** Starts the process's masking with the runner's `setSecret` (runAction does, before inputs). */
export function startSecretMask(setSecret: (value: string) => void): void {
  mask.reset(setSecret);
}

/** Masks every printable form of a secret input's value (see `secretForms`). */
export function maskSecret(value: string): void {
  mask.add(secretForms(value));
}

/** Masks a proxy login learnt at run time: user name, password and their encoded forms. */
export function maskProxyLogin(user: string, password: string): void {
  mask.add(proxyLoginForms(user, password));
}

/** Every secret form masked in this process so far, longest first: for scrubbing messages. */
export function maskedSecrets(): readonly string[] {
  return mask.known;
}
