/**
 * Field errors as apimachinery's `validation/field` package makes them: a path such as
 * `spec.containers[0].image`, a type (Required, Invalid, ...), the bad value and a detail.
 * Validation returns a list of these; the apiserver turns the list into a 422 Invalid Status.
 */

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

export interface FieldError {
  readonly type: FieldErrorType;
  /** `spec.containers[0].image` */
  readonly field: string;
  readonly badValue?: unknown;
  readonly detail: string;
  /** For NotSupported: the values that would have been accepted. */
  readonly supported?: readonly string[];
}

/**
 * A field path builder, like field.NewPath("spec").Child("containers").Index(0). Validation
 * builds a path for every field it visits and prints one only for a field in error, so a path
 * holds its parent and its own step, and its text is joined when first printed (then kept).
 */
export class FieldPath {
  private text: string | undefined;
  private constructor(
    private readonly parent: FieldPath | undefined,
    /** A child's name, or an index or key (put in brackets when printed). */
    private readonly step: string | number,
    /** How the step joins its parent's text: 'child' with a dot unless that text is empty. */
    private readonly join: 'root' | 'child' | 'dot' | 'bracket',
  ) {}
  static root(name: string): FieldPath {
    return new FieldPath(undefined, name, 'root');
  }
  child(name: string, ...more: string[]): FieldPath {
    let path = new FieldPath(this, name, 'child');
    for (const m of more) path = new FieldPath(path, m, 'dot');
    return path;
  }
  index(i: number): FieldPath {
    return new FieldPath(this, i, 'bracket');
  }
  key(k: string): FieldPath {
    return new FieldPath(this, k, 'bracket');
  }
  toString(): string {
    if (this.text !== undefined) return this.text;
    const parent = this.parent === undefined ? '' : this.parent.toString();
    if (this.join === 'bracket') this.text = `${parent}[${this.step}]`;
    else this.text = this.join === 'dot' || (this.join === 'child' && parent) ? `${parent}.${this.step}` : `${parent}${this.step}`;
    return this.text;
  }
}

export const required = (path: FieldPath, detail = ''): FieldError => ({ type: 'FieldValueRequired', field: String(path), detail });
export const invalid = (path: FieldPath, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field: String(path), badValue: value, detail });
export const forbidden = (path: FieldPath, detail: string): FieldError => ({ type: 'FieldValueForbidden', field: String(path), detail });
export const duplicate = (path: FieldPath, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field: String(path), badValue: value, detail: '' });
export const notFound = (path: FieldPath, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field: String(path), badValue: value, detail: '' });
export const notSupported = (path: FieldPath, value: unknown, supported: readonly string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field: String(path),
  badValue: value,
  detail: '',
  supported,
});
export const tooLong = (path: FieldPath, value: unknown, max: number): FieldError => ({
  type: 'FieldValueTooLong',
  field: String(path),
  badValue: value,
  detail: `must have at most ${max} bytes`,
});

/** What field.ErrorType.String() prints for each type. */
const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/**
 * A bad value already printed the way Go's fmt prints the Go value validation reported (a struct
 * such as `rbac.RoleRef{APIGroup:"...", Kind:"Role", Name:"x"}`, or a Quantity's String()). The
 * JSON objects we validate do not carry their Go type, so the validator that knows it says it.
 */
export class GoLiteral {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A Go value literal for a bad value, as field.Error prints it. */
export const goLiteral = (text: string): GoLiteral => new GoLiteral(text);

/** `map[string]string{"a":"b", "c":"d"}`: fmt's %#v of a string map (keys sorted). */
export function goStringMap(m: Record<string, string> | undefined | null): GoLiteral {
  if (!m) return new GoLiteral('map[string]string(nil)');
  const keys = Object.keys(m).sort();
  return new GoLiteral(`map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k] as string)}`).join(', ')}}`);
}

/** `[]string{"a", "b"}`: fmt's %#v of a string slice. */
export function goStringSlice(values: readonly string[] | undefined | null): GoLiteral {
  if (!values) return new GoLiteral('[]string(nil)');
  return new GoLiteral(`[]string{${values.map(goQuote).join(', ')}}`);
}

/**
 * How field.Error.ErrorBody prints a bad value: strings with %q, numbers and booleans bare,
 * a GoLiteral as given; anything else (a struct we have no Go name for) as JSON.
 */
function goValue(value: unknown): string {
  if (value instanceof GoLiteral) return value.text;
  if (typeof value === 'string') return goQuote(value);
  if (value === null || value === undefined) return '"null"';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return goStringSlice(value as string[]).text;
  if (typeof value === 'object' && Object.values(value as object).every((v) => typeof v === 'string')) {
    return goStringMap(value as Record<string, string>).text;
  }
  return JSON.stringify(value);
}

/** field.Error.ErrorBody(): the message without the field path. */
export function errorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  const omitValue = e.type === 'FieldValueRequired' || e.type === 'FieldValueForbidden' || e.type === 'FieldValueTooLong' || e.type === 'InternalError';
  if (!omitValue && e.badValue !== undefined) s += `: ${goValue(e.badValue)}`;
  if (e.type === 'FieldValueNotSupported' && e.supported?.length) {
    s += `: supported values: ${e.supported.map((v) => goQuote(v)).join(', ')}`;
  } else if (e.detail) {
    s += `: ${e.detail}`;
  }
  return s;
}

/** field.Error.Error(): `path: body`. */
export function errorText(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

// ---------------------------------------------------------------------------------------------
// Additions (kept separate so the constructors above keep their behaviour): the remaining
// field.* constructors, ErrorList.ToAggregate()'s message, and Go's %q.

/**
 * field.TooLong as k8s 1.30+ words it: `Too long: may not be more than N bytes`. (`tooLong` above
 * keeps the older `must have at most N bytes` wording.)
 */
export const tooLongBytes = (path: FieldPath, max: number): FieldError => ({
  type: 'FieldValueTooLong',
  field: String(path),
  detail: max >= 0 ? `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` : 'value is too long',
});

/** field.TooMany: `Too many: 5: must have at most 3 items`. */
export const tooMany = (path: FieldPath, actual: number, max: number): FieldError => ({
  type: 'FieldValueTooMany',
  field: String(path),
  ...(actual >= 0 ? { badValue: actual } : {}),
  detail: max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items',
});

/** field.TypeInvalid: printed like Invalid. */
export const typeInvalid = (path: FieldPath, value: unknown, detail: string): FieldError => ({ type: 'FieldValueTypeInvalid', field: String(path), badValue: value, detail });

/** field.InternalError: `Internal error: <err>`. */
export const internalError = (path: FieldPath, err: string): FieldError => ({ type: 'InternalError', field: String(path), detail: err });

/** A field.Error with its detail replaced, as validateNodeTaints does for duplicate taints. */
export const withDetail = (e: FieldError, detail: string): FieldError => ({ ...e, detail });

/**
 * utilerrors.NewAggregate(errs).Error(): duplicates dropped; one message printed as itself,
 * several as `[m1, m2]`; none as ''. Authenticators, RBAC and admission report this way.
 */
export function aggregateMessages(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] as string) : unique.length === 0 ? '' : `[${unique.join(', ')}]`;
}

/** The message of ErrorList.ToAggregate(), which NewInvalid puts after `is invalid: `. */
export function aggregateText(errors: readonly FieldError[]): string {
  return aggregateMessages(errors.map(errorText));
}

/** ErrorList.ToAggregate()'s de-duplication: the first error of each distinct Error() text. */
export function uniqueErrors(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const t = errorText(e);
    if (seen.has(t)) return false;
    seen.add(t);
    return true;
  });
}

/** Go's strconv.Quote (fmt %q): escapes as Go does, keeps printable Unicode. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if ((cp >= 0x80 && cp < 0xa0) || cp === 0xad) out += `\\u00${cp.toString(16)}`;
    else out += ch;
  }
  return `${out}"`;
}
