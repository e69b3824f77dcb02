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

/** A field path builder, like field.NewPath("spec").Child("containers").Index(0). */
export class FieldPath {
  private constructor(private readonly text: string) {}
  static root(name: string): FieldPath {
    return new FieldPath(name);
  }
  child(name: string, ...more: string[]): FieldPath {
    let text = this.text ? `${this.text}.${name}` : name;
    for (const m of more) text += `.${m}`;
    return new FieldPath(text);
  }
  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }
  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }
  toString(): string {
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

/** Go's %#v for the values validation reports: strings quoted, numbers bare. */
function goValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** field.Error.ErrorBody(): the message without the field path. */
export function errorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  const omitValue = e.type === 'FieldValueRequired' || e.type === 'FieldValueForbidden' || e.type === 'FieldValueTooLong' || e.type === 'InternalError';
  if (!omitValue && e.badValue !== undefined) s += `: ${goValue(e.badValue)}`;
  if (e.type === 'FieldValueNotSupported' && e.supported?.length) {
    s += `: supported values: ${e.supported.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (e.detail) {
    s += `: ${e.detail}`;
  }
  return s;
}

/** field.Error.Error(): `path: body`. */
export function errorText(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}
