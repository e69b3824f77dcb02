/**
 * The static token file authenticator (`--token-auth-file`), after
 * k8s.io/apiserver/pkg/authentication/token/tokenfile/tokenfile.go: a CSV of
 * `token,user,uid[,"group1,group2"]`, read once at start-up. A token not in the file is "not
 * mine" (the next token authenticator may know it); the union turns "nobody knew it" into 401.
 */
import type { UserInfo } from '../request-types';
import type { AuthenticatorResult, TokenAuthenticator } from './authenticator';

export interface StaticTokenEntry {
  readonly token: string;
  readonly user: string;
  readonly uid: string;
  readonly groups: readonly string[];
}

/** Splits one CSV record as encoding/csv does: commas separate fields, double quotes protect commas and `""` is a quote. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

/**
 * tokenfile.NewCSV: every record needs at least 3 columns; records with an empty token are
 * skipped (upstream warns); a later duplicate token replaces the earlier one (upstream warns).
 * Throws with upstream's message when a record is short.
 */
export function parseStaticTokenFile(csv: string, path = 'tokens.csv'): StaticTokenEntry[] {
  const byToken = new Map<string, StaticTokenEntry>();
  for (const raw of csv.split(/\r?\n/)) {
    if (raw === '') continue;
    const record = csvFields(raw);
    if (record.length < 3) {
      throw new Error(`token file '${path}' must have at least 3 columns (token, user name, user uid), found ${record.length}`);
    }
    const [token, user, uid] = record as [string, string, string];
    if (token === '') continue;
    byToken.delete(token);
    byToken.set(token, { token, user, uid, groups: record.length >= 4 ? (record[3] as string).split(',') : [] });
  }
  return [...byToken.values()];
}

export class StaticTokenAuthenticator implements TokenAuthenticator {
  readonly name = 'token-file';
  private readonly tokens = new Map<string, UserInfo>();

  constructor(entries: readonly StaticTokenEntry[]) {
    for (const e of entries) {
      if (e.token === '') continue;
      this.tokens.set(e.token, { name: e.user, ...(e.uid ? { uid: e.uid } : {}), groups: [...e.groups] });
    }
  }

  authenticateToken(token: string): AuthenticatorResult {
    const user = this.tokens.get(token);
    return user ? { ok: true, user, authenticator: this.name } : { ok: false };
  }
}
