/**
 * kubectl's command-line flags, parsed the way cobra/pflag reads them: `--name=value`,
 * `--name value`, `-n value`, `-nvalue`, boolean flags with no value (`-A`, `--wide`), and `--`
 * ending the flags. Unknown flags are an error with kubectl's own message.
 */

export interface FlagSpec {
  /** Long name without dashes: "namespace". */
  readonly name: string;
  readonly short?: string;
  readonly kind: 'string' | 'bool' | 'stringArray' | 'int';
  /** pflag's NoOptDefVal: the value of the bare flag (`--validate` is `--validate=strict`); a value then needs `=`. */
  readonly noOptDefault?: string;
}

export interface ParsedFlags {
  readonly args: string[];
  readonly values: Map<string, string | boolean | string[]>;
  /** cobra's ArgsLenAtDash: how many args came before `--`, or -1 when there was none. */
  readonly argsLenAtDash?: number;
}

export class FlagError extends Error {}

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const values = new Map<string, string | boolean | string[]>();
  const args: string[] = [];
  let argsLenAtDash = -1;
  const set = (spec: FlagSpec, value: string | true) => {
    if (spec.kind === 'bool') {
      if (value === true || value === 'true') values.set(spec.name, true);
      else if (value === 'false') values.set(spec.name, false);
      else throw new FlagError(`invalid argument "${value}" for "--${spec.name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
    } else if (spec.kind === 'stringArray') {
      const prev = values.get(spec.name);
      values.set(spec.name, [...(Array.isArray(prev) ? prev : []), String(value)]);
    } else {
      if (spec.kind === 'int' && !/^-?\d+$/.test(String(value))) {
        throw new FlagError(`invalid argument "${value}" for "--${spec.name}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
      }
      values.set(spec.name, String(value));
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const spec = byLong.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, arg.slice(eq + 1));
      else if (spec.kind === 'bool') set(spec, true);
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
      else {
        const value = argv[++i];
        if (value === undefined) throw new FlagError(`flag needs an argument: --${name}`);
        set(spec, value);
      }
    } else if (arg.startsWith('-') && arg.length > 1 && arg !== '-') {
      const letter = arg[1] as string;
      const spec = byShort.get(letter);
      if (!spec) throw new FlagError(`unknown shorthand flag: '${letter}' in ${arg}`);
      const rest = arg.slice(2);
      if (spec.kind === 'bool') {
        if (rest.startsWith('=')) set(spec, rest.slice(1));
        else {
          set(spec, true);
          // Bundled booleans, as pflag reads them: `-it` is -i and -t.
          for (const more of rest) {
            const bundled = byShort.get(more);
            if (!bundled) throw new FlagError(`unknown shorthand flag: '${more}' in ${arg}`);
            if (bundled.kind !== 'bool') throw new FlagError(`flag needs an argument: '${more}' in -${more}`);
            set(bundled, true);
          }
        }
      } else if (rest) set(spec, rest.startsWith('=') ? rest.slice(1) : rest);
      else {
        const value = argv[++i];
        if (value === undefined) throw new FlagError(`flag needs an argument: '${letter}' in -${letter}`);
        set(spec, value);
      }
    } else {
      args.push(arg);
    }
  }
  return { args, values, argsLenAtDash };
}

export function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const v = flags.values.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function boolFlag(flags: ParsedFlags, name: string): boolean {
  return flags.values.get(name) === true;
}

export function arrayFlag(flags: ParsedFlags, name: string): string[] {
  const v = flags.values.get(name);
  return Array.isArray(v) ? v : [];
}
