/**
 * Label selectors as k8s.io/apimachinery pkg/labels/selector.go parses them (labels.Parse): the
 * `-l` of kubectl and the `labelSelector` query parameter. `a=b`, `a==b`, `a!=b`,
 * `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a gt 3`, `a lt 3`, joined by commas. The lexer and the
 * recursive-descent parser follow upstream token by token so that parse errors carry upstream's
 * text (`unable to parse requirement: ...`, `found ',', expected: identifier after ','`).
 */
import { aggregateText, FieldPath, invalid, type FieldError } from '../field-errors';
import { isQualifiedName, isValidLabelValue } from '../validation/name-rules';

export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** Sorted, as sets.String.List() gives them. */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>>;

export class SelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorParseError';
  }
}

export class Selector {
  constructor(readonly requirements: readonly Requirement[]) {}

  static everything(): Selector {
    return new Selector([]);
  }

  /** SelectorFromSet: every key must equal its value. */
  static fromSet(set: Labels): Selector {
    const reqs = Object.keys(set)
      .sort()
      .map((key): Requirement => ({ key, operator: '=', values: [set[key] as string] }));
    return new Selector(reqs);
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(labels: Labels): boolean {
    // A plain loop: controllers and the scheduler match every pod of a large ReplicaSet with it.
    for (const r of this.requirements) if (!requirementMatches(r, labels)) return false;
    return true;
  }

  /** internalSelector.String(): requirements joined by ',' (`app=web,tier in (a,b)`). */
  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
}

export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value as string);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value as string);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const lhs = parseInt64(value as string);
      const rhs = parseInt64(r.values[0] as string);
      if (lhs === undefined || rhs === undefined) return false;
      return r.operator === 'gt' ? lhs > rhs : lhs < rhs;
    }
  }
}

function parseInt64(s: string): bigint | undefined {
  return /^[+-]?[0-9]+$/.test(s) ? BigInt(s) : undefined;
}

function requirementString(r: Requirement): string {
  const values = r.values.length === 1 ? (r.values[0] as string) : [...r.values].sort().join(',');
  switch (r.operator) {
    case '!':
      return `!${r.key}`;
    case 'exists':
      return r.key;
    case 'in':
      return `${r.key} in (${values})`;
    case 'notin':
      return `${r.key} notin (${values})`;
    case 'gt':
      return `${r.key}>${values}`;
    case 'lt':
      return `${r.key}<${values}`;
    default:
      return `${r.key}${r.operator}${values}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Lexer

type Token = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

const STRING_TO_TOKEN: ReadonlyMap<string, Token> = new Map<string, Token>([
  [')', ')'],
  [',', ','],
  ['!', '!'],
  ['==', '=='],
  ['=', '='],
  ['>', '>'],
  ['in', 'in'],
  ['<', '<'],
  ['!=', '!='],
  ['notin', 'notin'],
  ['(', '('],
]);

interface Scanned {
  readonly tok: Token;
  readonly literal: string;
}

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string): boolean => '=!(),><'.includes(ch) && ch !== '';

function lex(s: string): Scanned[] {
  const items: Scanned[] = [];
  let pos = 0;
  const read = (): string => (pos < s.length ? (s[pos++] as string) : '');
  const unread = (): void => {
    pos--;
  };
  for (;;) {
    let ch = read();
    while (ch !== '' && isWhitespace(ch)) ch = read();
    if (ch === '') {
      items.push({ tok: 'eos', literal: '' });
      return items;
    }
    unread();
    if (isSpecialSymbol(ch)) {
      // scanSpecialSymbol: the longest operator the symbols spell.
      let buffer = '';
      let last: Scanned | undefined;
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecialSymbol(c)) {
          buffer += c;
          const tok = STRING_TO_TOKEN.get(buffer);
          if (tok) last = { tok, literal: buffer };
          else if (last) {
            unread();
            break;
          }
        } else {
          unread();
          break;
        }
      }
      items.push(last ?? { tok: 'error', literal: `error expected: keyword found '${buffer}'` });
    } else {
      let buffer = '';
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecialSymbol(c) || isWhitespace(c)) {
          unread();
          break;
        }
        buffer += c;
      }
      items.push({ tok: STRING_TO_TOKEN.get(buffer) ?? 'id', literal: buffer });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Parser

class Parser {
  private position = 0;
  constructor(private readonly items: readonly Scanned[]) {}

  /** In a values context, `in` and `notin` are plain identifiers. */
  private lookahead(values: boolean): Scanned {
    const item = this.items[this.position] as Scanned;
    return values && (item.tok === 'in' || item.tok === 'notin') ? { tok: 'id', literal: item.literal } : item;
  }

  private consume(values: boolean): Scanned {
    const item = this.lookahead(values);
    this.position++;
    return item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { tok, literal } = this.lookahead(true);
      switch (tok) {
        case 'id':
        case '!': {
          let r: Requirement;
          try {
            r = this.parseRequirement();
          } catch (e) {
            throw new SelectorParseError(`unable to parse requirement: ${(e as Error).message}`);
          }
          requirements.push(r);
          const t = this.consume(true);
          if (t.tok === 'eos') return requirements;
          if (t.tok === ',') {
            const t2 = this.lookahead(true);
            if (t2.tok !== 'id' && t2.tok !== '!') throw new SelectorParseError(`found '${t2.literal}', expected: identifier after ','`);
            break;
          }
          throw new SelectorParseError(`found '${t.literal}', expected: ',' or 'end of string'`);
        }
        case 'eos':
          return requirements;
        default:
          throw new SelectorParseError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const { key, operator } = this.parseKeyAndInferOperator();
    if (operator === 'exists' || operator === '!') return newRequirement(key, operator, []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort());
  }

  private parseKeyAndInferOperator(): { key: string; operator: Operator | undefined } {
    let operator: Operator | undefined;
    let t = this.consume(true);
    if (t.tok === '!') {
      operator = '!';
      t = this.consume(true);
    }
    if (t.tok !== 'id') throw new Error(`found '${t.literal}', expected: identifier`);
    const keyErr = validateLabelKey(t.literal, NIL_PATH);
    if (keyErr) throw new Error(aggregateText([keyErr]));
    const next = this.lookahead(true).tok;
    if ((next === 'eos' || next === ',') && operator !== '!') operator = 'exists';
    return { key: t.literal, operator };
  }

  private parseOperator(): Operator {
    const { tok, literal } = this.consume(false);
    switch (tok) {
      case 'in':
        return 'in';
      case '=':
        return '=';
      case '==':
        return '==';
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      case 'notin':
        return 'notin';
      case '!=':
        return '!=';
      default:
        throw new Error(`found '${literal}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume(true);
    if (open.tok !== '(') throw new Error(`found '${open.literal}' expected: '('`);
    const { tok, literal } = this.lookahead(true);
    switch (tok) {
      case 'id':
      case ',': {
        const s = this.parseIdentifiersList();
        if (this.consume(true).tok !== ')') throw new Error(`found '${literal}', expected: ')'`);
        return s;
      }
      case ')':
        this.consume(true);
        return new Set(['']);
      default:
        throw new Error(`found '${literal}', expected: ',', ')' or identifier`);
    }
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, literal } = this.consume(true);
      if (tok === 'id') {
        s.add(literal);
        const next = this.lookahead(true);
        if (next.tok === ',') continue;
        if (next.tok === ')') return s;
        throw new Error(`found '${next.literal}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (s.size === 0) s.add('');
        const next = this.lookahead(true).tok;
        if (next === ')') {
          s.add('');
          return s;
        }
        if (next === ',') s.add('');
      } else {
        throw new Error(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const next = this.lookahead(true).tok;
    if (next === 'eos' || next === ',') return new Set(['']);
    const { tok, literal } = this.consume(true);
    if (tok === 'id') return new Set([literal]);
    throw new Error(`found '${literal}', expected: identifier`);
  }
}

/**
 * labels.Parse is called without a field path, and a nil *field.Path prints as `<nil>`: that is
 * why a bad key reads `unable to parse requirement: <nil>: Invalid value: ...`.
 */
const NIL_PATH = FieldPath.root('<nil>');
const VALUES_PATH = FieldPath.root('values');

function validateLabelKey(key: string, path: FieldPath): FieldError | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? invalid(path, key, errs.join('; ')) : undefined;
}

/** NewRequirement: operator-specific value counts and label-value syntax, aggregated. */
function newRequirement(key: string, operator: Operator, values: string[]): Requirement {
  const errs: FieldError[] = [];
  const keyErr = validateLabelKey(key, FieldPath.root('key'));
  if (keyErr) errs.push(keyErr);
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(invalid(VALUES_PATH, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(invalid(VALUES_PATH, values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(invalid(VALUES_PATH, values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(invalid(VALUES_PATH, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalid(VALUES_PATH.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length) errs.push(invalid(VALUES_PATH.index(i).key(key), v, msgs.join('; ')));
  });
  if (errs.length) throw new Error(aggregateText(errs));
  return { key, operator, values };
}

/** labels.Parse: throws SelectorParseError with upstream's message. Requirements come sorted by key. */
export function parseSelector(text: string): Selector {
  const requirements = new Parser(lex(text)).parse();
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return new Selector(requirements);
}

/** labels.Parse without throwing. */
export function tryParseSelector(text: string): Selector | SelectorParseError {
  try {
    return parseSelector(text);
  } catch (e) {
    if (e instanceof SelectorParseError) return e;
    throw e;
  }
}
