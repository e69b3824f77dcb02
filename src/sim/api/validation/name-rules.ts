/**
 * The string-format checks of k8s.io/apimachinery pkg/util/validation (and api/validate/content):
 * DNS-1123 labels and subdomains, DNS-1035 labels, qualified names (label keys), label values,
 * ConfigMap keys, port names and numbers, environment variable names. Each returns the list of
 * messages upstream returns ([] when valid), worded exactly as upstream words them, so callers
 * can wrap each one in a field.Invalid.
 */

/** validation.RegexError: `<msg> (e.g. 'a' or 'b', regex used for validation is '<re>')`. */
export function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${re}')`;
}

/** validation.MaxLenError (util/validation wording, used for names). */
export const maxLenError = (length: number): string => `must be no more than ${length} characters`;
/** content.MaxLenError (api/validate/content wording, used for label keys and values). */
const contentMaxLenError = (length: number): string => `must be no more than ${length} bytes`;
export const emptyError = (): string => 'must be non-empty';
export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;

const encoder = new TextEncoder();

/**
 * The checks run per label, name and key of every write; nearly every string is valid. Each
 * check first runs a scan of the string's characters that accepts only what its regular
 * expression (and length limit) accepts; a string the scan refuses is checked again the full
 * way, which words the messages. So a valid string costs a loop, and the answers are upstream's.
 */
function fastPath(valid: (value: string) => boolean, check: (value: string) => string[]): (value: string) => string[] {
  return (value) => (valid(value) ? [] : check(value));
}

const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const DASH = 45;
const DOT = 46;
const UNDERSCORE = 95;

/** `[a-z0-9]([-a-z0-9]*[a-z0-9])?` over value[from, to). */
function scansAsDNS1123Label(value: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    if (isLower(c) || isDigit(c)) continue;
    if (c !== DASH || i === from || i === to - 1) return false;
  }
  return true;
}

/** `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*` over value[from, to). */
function scansAsDNS1123Subdomain(value: string, from: number, to: number): boolean {
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i < to && value.charCodeAt(i) !== DOT) continue;
    if (!scansAsDNS1123Label(value, start, i)) return false;
    start = i + 1;
  }
  return true;
}

/** `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]` over value[from, to). */
function scansAsLabelName(value: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    if (isLower(c) || isDigit(c) || isUpper(c)) continue;
    if ((c !== DASH && c !== DOT && c !== UNDERSCORE) || i === from || i === to - 1) return false;
  }
  return true;
}

/** `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters. */
function scansAsDNS1035Label(value: string): boolean {
  return value.length <= DNS1035_LABEL_MAX && isLower(value.charCodeAt(0)) && scansAsDNS1123Label(value, 0, value.length);
}

/** An optional DNS-1123 subdomain and a slash, then a label name of at most 63 characters. */
function scansAsQualifiedName(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return value.length <= LABEL_KEY_MAX && scansAsLabelName(value, 0, value.length);
  if (value.indexOf('/', slash + 1) >= 0 || slash > DNS1123_SUBDOMAIN_MAX || value.length - slash - 1 > LABEL_KEY_MAX) return false;
  return scansAsDNS1123Subdomain(value, 0, slash) && scansAsLabelName(value, slash + 1, value.length);
}

/** Go measures strings in bytes; names are nearly always ASCII, where bytes and characters agree. */
function byteLength(s: string): number {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return encoder.encode(s).length;
  return s.length;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_ERR = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
export const DNS1123_LABEL_MAX = 63;
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);

const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const DNS1123_SUBDOMAIN_MAX = 253;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_ERR =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
export const DNS1035_LABEL_MAX = 63;
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);

export const isDNS1123Label = fastPath((v) => v.length <= DNS1123_LABEL_MAX && scansAsDNS1123Label(v, 0, v.length), function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX) errs.push(maxLenError(DNS1123_LABEL_MAX));
  if (!DNS1123_LABEL_RE.test(value)) {
    // A valid subdomain that is not a valid label can only be so because of its dots.
    if (DNS1123_SUBDOMAIN_RE.test(value)) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
});

export const isDNS1123Subdomain = fastPath((v) => v.length <= DNS1123_SUBDOMAIN_MAX && scansAsDNS1123Subdomain(v, 0, v.length), function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
});

export const isDNS1035Label = fastPath(scansAsDNS1035Label, function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1035_LABEL_MAX) errs.push(maxLenError(DNS1035_LABEL_MAX));
  if (!DNS1035_LABEL_RE.test(value)) errs.push(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
});

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_ERR = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_KEY_MAX = 63;
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);

/** content.IsLabelKey (= IsQualifiedName): an optional DNS subdomain prefix and a name. */
export const isQualifiedName = fastPath(scansAsQualifiedName, function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] as string;
  } else if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (byteLength(name) > LABEL_KEY_MAX) errs.push(`name part ${contentMaxLenError(LABEL_KEY_MAX)}`);
  if (!LABEL_KEY_RE.test(name)) errs.push(`name part ${regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
});

const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

/** content.IsLabelValue. */
export const isValidLabelValue = fastPath((v) => v.length === 0 || (v.length <= 63 && scansAsLabelName(v, 0, v.length)), function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(contentMaxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
});

function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

const CONFIGMAP_KEY_FMT = '[-._a-zA-Z0-9]+';
export const CONFIGMAP_KEY_RE = new RegExp(`^${CONFIGMAP_KEY_FMT}$`);
/** IsConfigMapKey's message for a key the pattern refuses. */
export const CONFIGMAP_KEY_ERROR = regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIGMAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name');

/** validation.IsConfigMapKey: keys of ConfigMap and Secret data. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX));
  if (!CONFIGMAP_KEY_RE.test(value)) {
    errs.push(CONFIGMAP_KEY_ERROR);
  }
  return [...errs, ...hasChDirPrefix(value)];
}

const ENV_VAR_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
export const ENV_VAR_NAME_RE = new RegExp(`^${ENV_VAR_NAME_FMT}$`);

/** validation.IsEnvVarName. */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!ENV_VAR_NAME_RE.test(value)) {
    errs.push(
      regexError(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
        ENV_VAR_NAME_FMT,
        'my.env-name',
        'MY_ENV.NAME',
        'MyEnvName1',
      ),
    );
  }
  return [...errs, ...hasChDirPrefix(value)];
}

/** validation.IsValidPortNum. */
export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** validation.IsValidPortName (IANA_SVC_NAME). */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (byteLength(port) > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** path.IsValidPathSegmentName: what RBAC objects allow as names. */
export function isValidPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  if (name.includes('/')) errs.push("may not contain '/'");
  if (name.includes('%')) errs.push("may not contain '%'");
  return errs;
}

/** A name validator as apimachinery's ValidateNameFunc: `prefix` is true for generateName. */
export type NameValidator = (name: string, prefix: boolean) => string[];

/** generateName may end in '-': the random suffix follows it. */
const maskTrailingDash = (name: string): string => (name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name);

export const nameIsDNSSubdomain: NameValidator = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameValidator = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);
export const nameIsPathSegment: NameValidator = (name, prefix) =>
  prefix ? isValidPathSegmentName(name).filter((m) => m.startsWith('may not contain')) : isValidPathSegmentName(name);
