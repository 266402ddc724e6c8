import { readFile } from 'node:fs/promises';

/** The environment variable an ARI password may come from. */
export const ARI_PASSWORD_ENV = 'RINGFLOW_ARI_PASSWORD';

/** Where an ARI password comes from: given, a file, or the environment. */
export interface AriPasswordSource {
  /** The password itself. */
  readonly password?: string;
  /** A file holding the password (surrounding white space and the final newline are trimmed). */
  readonly passwordFile?: string;
  /** The environment to read {@link ARI_PASSWORD_ENV} from; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The ARI password, from (in this order) `password`, `passwordFile`, or the `RINGFLOW_ARI_PASSWORD`
 * environment variable. Rejects with a message that says where it looked, never what it found.
 *
 * @example
 * const password = await resolveAriPassword({ passwordFile: '/run/secrets/ari' });
 */
export async function resolveAriPassword(source: AriPasswordSource): Promise<string> {
  if (source.password !== undefined) {
    if (source.password === '') throw new Error('ARI password: `password` is empty');
    return source.password;
  }
  if (source.passwordFile !== undefined) {
    let text: string;
    try {
      text = await readFile(source.passwordFile, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new Error(`ARI password: cannot read the password file ${source.passwordFile} (${code})`, {
        cause: error,
      });
    }
    const password = text.trim();
    if (password === '') throw new Error(`ARI password: the password file ${source.passwordFile} is empty`);
    return password;
  }
  const fromEnv = (source.env ?? process.env)[ARI_PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  throw new Error(
    `ARI password: none given; pass \`password\` or \`passwordFile\`, or set ${ARI_PASSWORD_ENV}`,
  );
}
